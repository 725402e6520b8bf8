package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.burstflow.activities.analysis.AnalysisActivitiesImpl;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.RawSamplePruner;
import org.burstflow.activities.analysis.history.HistoryEntry;
import org.burstflow.activities.analysis.history.Insights;
import org.burstflow.activities.analysis.history.JobHistoryStore;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.AnalysisRequest;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The analysis activity and the job history against real MariaDB. The V3 table is created as a
 * TEMPORARY table on one connection, so the shared database and its Flyway history are never
 * touched (the migration order there belongs to whoever merges V2); the DDL is the migration's own.
 */
class AnalysisActivitiesIT {

  private static SingleConnectionDataSource dataSource;
  private final String cluster = "it" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path spool;

  @BeforeAll
  static void temporarySchema() throws Exception {
    Connection c = DriverManager.getConnection(
        "jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED", "burstflow", "burstflow");
    dataSource = new SingleConnectionDataSource(c, true);
    String ddl;
    try (var in = AnalysisActivitiesIT.class.getResourceAsStream("/db/migration/V3__job_analysis.sql")) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ddl = ddl.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b)
        .replace("CREATE TABLE", "CREATE TEMPORARY TABLE");
    try (Statement st = c.createStatement()) {
      for (String sql : ddl.split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    }
  }

  @AfterAll
  static void close() {
    dataSource.destroy();
  }

  private static JobAccounting accounting(long id, Duration elapsed, double cpuEff) {
    Instant end = Instant.parse("2026-11-23T05:00:00Z").plusSeconds(id);
    return new JobAccounting(id, "train", "alice", "proj", "small-g", "COMPLETED", "0:0",
        end.minus(elapsed), end, elapsed, Duration.ofHours(24), 1, 8, "nid1", null,
        64L << 30, 20L << 30, cpuEff, 20.0 / 64);
  }

  @Test
  void analysesStoreSummariesAndTheScriptHistoryDrivesTheTimeSuggestion() throws Exception {
    JobHistoryStore store = new JobHistoryStore(dataSource);
    AnalysisActivitiesImpl activity = new AnalysisActivitiesImpl(store, spool, AnalysisSettings.defaults(),
        new RawSamplePruner(Duration.ofDays(7), Clock.systemUTC()));
    activity.analyze(new AnalysisRequest(new JobKey(cluster, 1), accounting(1, Duration.ofHours(2), 0.9), 0, "h1"));
    activity.analyze(new AnalysisRequest(new JobKey(cluster, 2), accounting(2, Duration.ofHours(3), 0.8), 0, "h1"));
    JobAnalysis third = activity.analyze(
        new AnalysisRequest(new JobKey(cluster, 3), accounting(3, Duration.ofHours(1), 0.7), 0, "h1"));
    assertNull(third.gpu());
    var time = third.sbatchDiff().stream().filter(c -> c.option().equals("--time")).findFirst().orElseThrow();
    assertEquals("--time=1-00:00:00 -> --time=03:36:00", time.line()); // p95 of 3 runs (3 h) × 1.2
    assertEquals(2, store.pastRuns(cluster, "alice", "h1", 3, 20).size());

    // re-analysing replaces, never duplicates
    activity.analyze(new AnalysisRequest(new JobKey(cluster, 3), accounting(3, Duration.ofHours(1), 0.7), 0, "h1"));
    List<HistoryEntry> recent = store.recent(cluster, "alice", Instant.parse("2026-01-01T00:00:00Z"), 50);
    assertEquals(3, recent.size());
    assertEquals(3, recent.get(0).jobId());
    var controller = new org.burstflow.worker.analysis.AnalysisHistoryController(store,
        new org.burstflow.worker.config.BurstflowProperties(cluster, null, null, null, null, null, null, null, null));
    assertEquals(3, controller.history("alice", 3660, 50, null).size());
    assertEquals(0, controller.history("bob", 3660, 50, null).size());
    Insights insights = controller.insights("alice", 3660, null);
    assertEquals(3, insights.jobs());
    assertEquals(1, insights.scripts().size());
    assertEquals(3, insights.scripts().get(0).runs());
    assertEquals(0.8, insights.medianCpuEfficiency(), 1e-9);
  }

  @Test
  void withoutAScriptHashTheJobNameKeysTheHistory() {
    AnalysisActivitiesImpl activity = new AnalysisActivitiesImpl(new JobHistoryStore(dataSource), spool,
        AnalysisSettings.defaults(), new RawSamplePruner(Duration.ofDays(7), Clock.systemUTC()));
    for (long id = 11; id <= 13; id++) {
      JobAnalysis a = activity.analyze(
          new AnalysisRequest(new JobKey(cluster, id), accounting(id, Duration.ofHours(1), 0.9), 0, null));
      assertEquals("job-name:train", a.scriptHash());
    }
    JobAnalysis fourth = activity.analyze(
        new AnalysisRequest(new JobKey(cluster, 14), accounting(14, Duration.ofHours(1), 0.9), 0, " "));
    assertTrue(fourth.sbatchDiff().stream().anyMatch(c -> c.reason().contains("p95 of 4 completed runs")),
        fourth.sbatchDiff().toString());
  }

  @Test
  void gpuJobWithoutSpooledSamplesIsInsufficientDataAndSaysWhy() {
    AnalysisActivitiesImpl activity = new AnalysisActivitiesImpl(new JobHistoryStore(dataSource), spool,
        AnalysisSettings.defaults(), new RawSamplePruner(Duration.ofDays(7), Clock.systemUTC()));
    JobAnalysis a = activity.analyze(
        new AnalysisRequest(new JobKey(cluster, 9), accounting(9, Duration.ofHours(1), 0.5), 2, null));
    assertEquals(EfficiencyClass.INSUFFICIENT_DATA, a.efficiencyClass());
    assertTrue(a.gpu().noDataReason().contains("sampler not installed"), a.gpu().noDataReason());
  }

  @Test
  void spooledSamplesAreReadAndOldRawSamplesPruned() throws Exception {
    Path job = Files.createDirectories(spool.resolve("77"));
    StringBuilder sb = new StringBuilder("# burstflow-gpu-sampler 1 host=n1 tool=nvidia-smi gpus=0 interval=1\n");
    for (int i = 0; i < 120; i++) {
      sb.append("@@ ").append(1763859600 + i).append(".0\n0, ").append(i % 2 == 0 ? 80 : 60)
          .append(", 1000, 81559, 250.0, 60\n");
    }
    Files.writeString(job.resolve("n1.gpu"), sb.toString());
    Path old = Files.createDirectories(spool.resolve("5"));
    Files.writeString(old.resolve("n1.gpu"), "# burstflow-gpu-sampler 1 host=n1 tool=none\n");
    Files.setLastModifiedTime(old.resolve("n1.gpu"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.EPOCH));
    AnalysisActivitiesImpl activity = new AnalysisActivitiesImpl(new JobHistoryStore(dataSource), spool,
        AnalysisSettings.defaults(), new RawSamplePruner(Duration.ofDays(7), Clock.systemUTC()));
    JobAnalysis a = activity.analyze(
        new AnalysisRequest(new JobKey(cluster, 77), accounting(77, Duration.ofMinutes(2), 0.5), 1, null));
    assertEquals(0.70, a.gpu().meanUtil(), 1e-9);
    assertEquals(EfficiencyClass.EFFICIENT, a.efficiencyClass());
    assertTrue(Files.exists(job));
    assertTrue(Files.notExists(old));
  }
}
