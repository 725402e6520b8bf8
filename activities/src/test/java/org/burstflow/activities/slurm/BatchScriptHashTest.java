package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchScriptHashTest {

  @Test
  void lineEndingsAndTrailingBlanksDoNotMakeANewScript() {
    String unix = "#!/bin/bash\n#SBATCH --gpus=8\nsrun python train.py\n";
    String dos = "#!/bin/bash\r\n#SBATCH --gpus=8   \r\nsrun python train.py\r\n\r\n";
    assertEquals(BatchScriptHash.of(unix), BatchScriptHash.of(dos));
    assertTrue(BatchScriptHash.of(unix).startsWith("sha256:"));
    assertNotEquals(BatchScriptHash.of(unix), BatchScriptHash.of(unix.replace("8", "2")));
    assertNull(BatchScriptHash.of(" \n"));
  }
}
