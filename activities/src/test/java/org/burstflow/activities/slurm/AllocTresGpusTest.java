package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GPU counts from AllocTRES forms seen in the wild (efficiency-anchors.md §4.5). */
class AllocTresGpusTest {

  @Test
  void typedAndUntypedAreNotDoubleCountedAndGpumemIsNotACount() {
    List<SacctRow> rows = SacctParser.parse(Fixtures.read("sacct/typed-untyped-gres.txt"));
    assertEquals(8, rows.get(0).allocTresGpus()); // gres/gpu:mi100=8,gres/gpu=8
    assertEquals(1, rows.get(1).allocTresGpus()); // gres/gpumem=80G,gres/gpuutil=0,gres/gpu=1
    assertEquals(3, rows.get(2).allocTresGpus()); // only typed: a100=2 + v100=1
    assertEquals(0, rows.get(3).allocTresGpus());
  }

  @Test
  void lumiAllocationLine() {
    List<SacctRow> rows = SacctParser.parse(Fixtures.read("sacct/lumi-gpu-8gcd.txt"));
    assertEquals(8, rows.get(0).allocTresGpus());
  }
}
