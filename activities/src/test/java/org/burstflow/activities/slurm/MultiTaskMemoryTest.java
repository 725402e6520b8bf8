package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;

/**
 * 16 tasks over 2 nodes: MaxRSS (one task, 1.86 GiB) undercounts what a node held; the step's
 * TRESUsageInTot mem (all tasks, 29.7 GiB) ÷ 2 nodes does not (the reportseff #41 / seff
 * disagreement).
 */
class MultiTaskMemoryTest {

  @Test
  void severalTasksPerNodeCountTogether() {
    JobAccounting a = AccountingSummarizer.summarize(
        SacctParser.parse(Fixtures.read("sacct/multi-task-tresusage.txt")), 8100, ZoneOffset.UTC);
    assertEquals(31156416L * 1024 / 2, a.peakRssBytes());
    assertEquals(32L << 30, a.requestedMemoryPerNodeBytes());
    assertEquals(31156416.0 * 1024 / 2 / (32L << 30), a.memoryEfficiency(), 1e-12);
  }
}
