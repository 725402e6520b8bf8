package org.burstflow.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.activities.slurm.SacctRow;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.junit.jupiter.api.Test;

/** Streaming sacct reads: same rows as the whole-text parser, jobs split where ids change. */
class SacctJobStreamTest {

  private static BufferedReader reader(String fixture) {
    return new BufferedReader(new StringReader(Fixtures.read("sacct/" + fixture)));
  }

  @Test
  void streamingReadGivesTheSameRowsAsParse() throws IOException {
    for (String f : List.of("completed-two-node-cloud.txt", "reordered-trailing-separator.txt", "lumi-gpu-8gcd.txt")) {
      List<SacctRow> rows = new ArrayList<>();
      SacctParser.read(reader(f), rows::add);
      assertEquals(SacctParser.parse(Fixtures.read("sacct/" + f)), rows, f);
    }
  }

  @Test
  void arrayTasksAreSeparateJobsByJobIdRaw() throws IOException {
    List<JobAnalysis> all = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(reader("array-task.txt"), "dev", null);
    assertEquals(List.of(5007L, 5008L), all.stream().map(JobAnalysis::jobId).toList());
    assertEquals(0.75, all.get(0).cpuEfficiency(), 1e-9); // 1 h CPU / (20 min × 4 cores)
  }

  @Test
  void cancelledByUidStateIsReadAsCancelled() throws IOException {
    List<JobAnalysis> all = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(reader("reordered-trailing-separator.txt"), "dev", null);
    assertEquals("CANCELLED", all.get(0).state());
  }

  @Test
  void aRunningJobIsSkippedWithAReasonNotFatal() throws IOException {
    List<String> skipped = new ArrayList<>();
    String dump = Fixtures.read("sacct/running.txt")
        + Fixtures.read("sacct/failed.txt").lines().skip(1).reduce("", (a, b) -> a + b + "\n");
    List<JobAnalysis> all = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(new BufferedReader(new StringReader(dump)), "dev", null, skipped::add);
    assertEquals(List.of(4310L), all.stream().map(JobAnalysis::jobId).toList());
    assertEquals(1, skipped.size());
    assertEquals(true, skipped.get(0).startsWith("job 4300 not analysed"), skipped.get(0));
  }
}
