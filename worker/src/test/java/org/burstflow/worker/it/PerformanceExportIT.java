package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.burstflow.activities.export.PerformanceExportActivitiesImpl;
import org.burstflow.activities.export.PerformanceJson;
import org.burstflow.activities.slurm.SlurmActivitiesImpl;
import org.burstflow.activities.slurm.SlurmCommands;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceExportResult;
import org.burstflow.contracts.export.PerformanceFeedback;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;
import org.burstflow.worker.e2e.DevStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export activity against the dev stack's Slurm: a real finished job's sacct record, the file
 * on disk, and its AdminComment in the accounting database (slurmctld refuses to change a finished
 * job's, so sacctmgr sets it). The instances are the two attempts of a spot
 * interruption as the lifecycle records them (the launch itself is the e2e tests' business).
 */
class PerformanceExportIT {

  private static final SlurmCommands SLURM = new SlurmCommands(Path.of("/usr/bin"), Duration.ofSeconds(30));

  @TempDir Path dir;

  @Test
  void writesAnOwnerOnlyFileThatReadsBackAndSetsTheAdminComment() throws Exception {
    JobKey job = finishedLocalJob();
    JobAccounting accounting = settledAccounting(job);
    PerformanceExportActivitiesImpl activity = activity(dir);

    PerformanceExportResult result = activity.export(request(job, accounting));

    Path file = Path.of(result.file());
    assertEquals(dir.resolve("dev").resolve("job-" + job.jobId() + "-performance.json"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    PerformanceFeedback back = PerformanceJson.MAPPER.readValue(file.toFile(), PerformanceFeedback.class);
    assertEquals(Long.toString(job.jobId()), back.jobMetadata().jobId());
    assertEquals(1, back.awsPerformanceMetrics().spotInterruptions());
    assertEquals(List.of(true, false, false, false),
        back.costAnalysis().instanceCostBreakdown().stream().map(PerformanceFeedback.InstanceCost::interrupted).toList());
    assertTrue(back.executionContext().slurmVersion().matches("\\d+\\.\\d+\\.\\d+.*"), back.executionContext().slurmVersion());
    // a full round trip: what is read back writes the same bytes
    assertArrayEquals(Files.readAllBytes(file), PerformanceJson.document(back));

    assertEquals("set", result.adminComment());
    assertTrue(result.awsMeta().startsWith("aws_meta:{\"cost\":"), result.awsMeta());
    // Slurm's accounting keeps the line's double quotes as backticks
    assertEquals(result.awsMeta().replace('"', '`'), adminComment(job));
    assertTrue(adminComment(job).startsWith("aws_meta:{`cost`:0.0567,`duration`:"), adminComment(job));

    // a rerun (the activity retried, or the lifecycle replayed) changes nothing
    FileTime written = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, written);
    PerformanceExportResult again = activity.export(request(job, accounting));
    assertEquals(written, Files.getLastModifiedTime(file));
    assertEquals("already set", again.adminComment());
    assertEquals(result.awsMeta(), again.awsMeta());
  }

  @Test
  void aCommentBurstflowDidNotWriteIsKept() {
    JobKey job = finishedLocalJob();
    DevStack.run("sacctmgr", "-i", "modify", "job", "where", "jobid=" + job.jobId(), "set", "AdminComment=JS1:None");
    String before = adminComment(job); // as Slurm keeps it (sacctmgr lower-cases it)

    PerformanceExportResult result = activity(dir).export(request(job, settledAccounting(job)));

    assertEquals("kept: it holds " + before, result.adminComment());
    assertEquals(before, adminComment(job));
    assertTrue(Files.exists(Path.of(result.file())));
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsLoudlyAndIsNotRetried() throws Exception {
    JobKey job = finishedLocalJob();
    Path plainFile = Files.writeString(dir.resolve("not-a-directory"), "x");

    ApplicationFailure e = assertThrows(ApplicationFailure.class,
        () -> activity(plainFile.resolve("performance")).export(request(job, settledAccounting(job))));

    assertEquals(FailureTypes.BAD_INPUT, e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("burstflow.export.performance-dir"), e.getOriginalMessage());
  }

  private static PerformanceExportActivitiesImpl activity(Path performanceDir) {
    return new PerformanceExportActivitiesImpl(
        new PerformanceExportActivitiesImpl.Settings(true, performanceDir, true, "us-east-1", null), SLURM);
  }

  private static JobKey finishedLocalJob() {
    long id = DevStack.submit("-p", "local", "-N", "1", "--wrap", "sleep 1");
    DevStack.await("job " + id + " to end", Duration.ofMinutes(2), () -> DevStack.finalState(id));
    return new JobKey("dev", id);
  }

  private static JobAccounting settledAccounting(JobKey job) {
    SlurmActivitiesImpl slurm = new SlurmActivitiesImpl(SLURM, ZoneId.systemDefault());
    return DevStack.await("sacct of " + job, Duration.ofMinutes(1), () -> slurm.readAccounting(job));
  }

  /** As sacct shows it, the newest record of that id. */
  private static String adminComment(JobKey job) {
    List<String> lines = DevStack.run("sacct", "-X", "-n", "-P", "-j", Long.toString(job.jobId()), "-o", "AdminComment")
        .strip().lines().toList();
    return lines.get(lines.size() - 1);
  }

  /** Attempt 1 on spot, interrupted half-way; attempt 2 to the job's end. */
  private static PerformanceExportRequest request(JobKey job, JobAccounting acct) {
    Instant start = acct.start();
    Instant first = start.minusSeconds(600);
    Instant given = start.minusSeconds(300);
    LaunchedNodes launched = new LaunchedNodes(List.of(
        node("burst-1", "i-1a", first, 1).stopped(given, true),
        node("burst-2", "i-1b", first, 1).stopped(given, false),
        node("burst-1", "i-2a", start.minusSeconds(60), 2),
        node("burst-2", "i-2b", start.minusSeconds(60), 2)));
    ReconcileResult cost = new ReconcileResult("research", new BigDecimal("1.0000"), new BigDecimal("1.2000"),
        new BigDecimal("0.0567"), new BigDecimal("1.2000"), new BigDecimal("-0.9433"), "{}");
    SpotInterruption notice = new SpotInterruption(1, "i-1a", "burst-1", SpotNoticeKind.INTERRUPTION_WARNING,
        given.minusSeconds(30), "requeued; nodes powered down, relaunch as configured");
    return new PerformanceExportRequest(job, acct, launched, cost, null, List.of(notice));
  }

  private static LaunchedNode node(String name, String id, Instant launch, int attempt) {
    return new LaunchedNode(name, id, "c5.large", "us-east-1a", "127.0.0.1", name, "spot", launch,
        new BigDecimal("0.085")).ofAttempt(attempt);
  }
}
