package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.burstflow.activities.slurm.AccountingNotSettledException.Reason;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;

class AccountingSummarizerTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final double EPS = 1e-9;

  private static JobAccounting summarize(String fixture, long jobId) {
    return AccountingSummarizer.summarize(
        SacctParser.parse(Fixtures.read("sacct/" + fixture)), jobId, UTC);
  }

  @Test
  void completedTwoNodeCloudJob() {
    JobAccounting a = summarize("completed-two-node-cloud.txt", 4242);

    assertEquals(4242, a.jobId());
    assertEquals("md-run", a.jobName());
    assertEquals("alice", a.user());
    assertEquals("chem-lab", a.account());
    assertEquals("cloud", a.partition());
    assertEquals("COMPLETED", a.state());
    assertEquals("0:0", a.exitCode());
    assertEquals(Instant.parse("2026-11-23T04:30:00Z"), a.start());
    assertEquals(Instant.parse("2026-11-23T05:00:00Z"), a.end());
    assertEquals(Duration.ofMinutes(30), a.elapsed());
    assertEquals(Duration.ofHours(1), a.timeLimit());
    assertEquals(2, a.allocNodes());
    assertEquals(8, a.allocCpus());
    assertEquals("burst-[1-2]", a.nodeList());
    assertEquals(Duration.ofHours(3), a.totalCpu());
    // modern ReqMem 8000M is the job total over 2 nodes
    assertEquals(4000L << 20, a.requestedMemoryPerNodeBytes());
    assertEquals(1947276L * 1024, a.peakRssBytes());
    assertEquals(3.0 / (0.5 * 8), a.cpuEfficiency(), EPS);
    assertEquals(1947276.0 / 4096000.0, a.memoryEfficiency(), EPS);
  }

  @Test
  void startAndEndAreReadInTheGivenZone() {
    JobAccounting a =
        AccountingSummarizer.summarize(
            SacctParser.parse(Fixtures.read("sacct/completed-two-node-cloud.txt")),
            4242,
            ZoneId.of("Europe/Helsinki"));
    assertEquals(Instant.parse("2026-11-23T02:30:00Z"), a.start());
  }

  @Test
  void runningJobIsNotSettled() {
    AccountingNotSettledException e =
        assertThrows(
            AccountingNotSettledException.class, () -> summarize("running.txt", 4300));
    assertEquals(Reason.JOB_NOT_ENDED, e.reason());
    assertTrue(e.getMessage().contains("RUNNING"), e.getMessage());
  }

  @Test
  void failedJob() {
    JobAccounting a = summarize("failed.txt", 4310);
    assertEquals("FAILED", a.state());
    assertEquals("1:0", a.exitCode());
    assertEquals(Duration.ofMillis(1234), a.totalCpu());
    assertEquals(1.234 / (130 * 2), a.cpuEfficiency(), EPS);
    assertEquals(150124.0 * 1024 / (2L << 30), a.memoryEfficiency(), EPS);
  }

  @Test
  void outOfMemoryJobReachesItsRequest() {
    JobAccounting a = summarize("out-of-memory.txt", 4320);
    assertEquals("OUT_OF_MEMORY", a.state());
    assertEquals(Duration.ofMillis(19 * 60_000 + 30_876), a.totalCpu());
    assertEquals(1.0, a.memoryEfficiency(), EPS);
    assertEquals(1170.876 / 1200, a.cpuEfficiency(), EPS);
  }

  @Test
  void noMaxRssMeansUnknownMemoryEfficiencyNotZero() {
    JobAccounting a = summarize("no-maxrss.txt", 4330);
    assertNull(a.peakRssBytes());
    assertNull(a.memoryEfficiency());
    assertEquals(2000L << 20, a.requestedMemoryPerNodeBytes());
    assertEquals(0.45, a.cpuEfficiency(), EPS);
    assertNull(a.timeLimit()); // UNLIMITED
  }

  @Test
  void arrayTaskIsFoundByItsOwnJobId() {
    List<SacctRow> rows = SacctParser.parse(Fixtures.read("sacct/array-task.txt"));

    JobAccounting seventh = AccountingSummarizer.summarize(rows, 5007, UTC);
    assertEquals(5007, seventh.jobId());
    assertEquals(0.5, seventh.memoryEfficiency(), EPS);
    assertEquals(Duration.ofMinutes(20), seventh.elapsed());

    JobAccounting eighth = AccountingSummarizer.summarize(rows, 5008, UTC);
    assertEquals(0.25, eighth.memoryEfficiency(), EPS);
    assertEquals(Duration.ofMinutes(40), eighth.elapsed());
  }

  @Test
  void arrayTasksWithoutJobIdRawAreAmbiguous() {
    String out =
        "JobID|State|End\n"
            + "5000_7|COMPLETED|2026-11-23T10:20:00\n"
            + "5000_8|COMPLETED|2026-11-23T10:40:00\n";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AccountingSummarizer.summarize(SacctParser.parse(out), 5000, UTC));
    assertTrue(e.getMessage().contains("JobIDRaw"), e.getMessage());
  }

  @Test
  void legacyPerCpuReqMemIsMultipliedByCpusPerNode() {
    JobAccounting a = summarize("legacy-reqmem-per-cpu.txt", 812);
    // 4000Mc × (16 CPUs / 2 nodes)
    assertEquals(8 * (4000L << 20), a.requestedMemoryPerNodeBytes());
    assertEquals(16384.0 / 32000.0, a.memoryEfficiency(), EPS);
    assertEquals((29 * 3600 + 20 * 60) / (7200.0 * 16), a.cpuEfficiency(), EPS);
    assertEquals("node[07-08]", a.nodeList());
  }

  @Test
  void legacyPerNodeReqMemIsTakenAsIs() {
    JobAccounting a = summarize("legacy-reqmem-per-node.txt", 813);
    assertEquals("TIMEOUT", a.state());
    assertEquals(191846L << 20, a.requestedMemoryPerNodeBytes());
    assertEquals(98223152.0 * 1024 / (191846L << 20), a.memoryEfficiency(), EPS);
  }

  @Test
  void reorderedColumnsAndCancelledByUser() {
    JobAccounting a = summarize("reordered-trailing-separator.txt", 4400);
    assertEquals("CANCELLED", a.state());
    assertEquals("stopped early", a.jobName());
    assertNull(a.user()); // not requested
    assertEquals(0.25, a.cpuEfficiency(), EPS);
    assertEquals(0.5, a.memoryEfficiency(), EPS);
  }

  @Test
  void missingAllocationLineIsNotSettled() {
    String out = header() + "4600.batch|4600.batch|COMPLETED|2026-11-23T10:00:00|00:01:00||\n";
    AccountingNotSettledException e =
        assertThrows(AccountingNotSettledException.class, () -> summarizeText(out, 4600));
    assertEquals(Reason.NO_ALLOCATION_LINE, e.reason());
    // another job's rows do not count for this one
    assertThrows(AccountingNotSettledException.class, () -> summarize("failed.txt", 4311));
  }

  @Test
  void terminalStateWithoutEndIsNotSettled() {
    String out = header() + "4601|4601|COMPLETED|Unknown|00:01:00|4|2G\n";
    AccountingNotSettledException e =
        assertThrows(AccountingNotSettledException.class, () -> summarizeText(out, 4601));
    assertEquals(Reason.NO_END_TIME, e.reason());
  }

  @Test
  void aStepStillRunningIsNotSettled() {
    String out =
        header()
            + "4602|4602|CANCELLED by 0|2026-11-23T10:00:00|00:01:00|4|2G\n"
            + "4602.batch|4602.batch|CANCELLED|2026-11-23T10:00:00|00:01:00||\n"
            + "4602.0|4602.0|RUNNING|Unknown|00:01:00||\n";
    AccountingNotSettledException e =
        assertThrows(AccountingNotSettledException.class, () -> summarizeText(out, 4602));
    assertEquals(Reason.STEP_NOT_ENDED, e.reason());
    assertTrue(e.getMessage().contains("4602.0"), e.getMessage());
  }

  @Test
  void cancelledByRootIsTerminal() {
    String out = header() + "4603|4603|CANCELLED by 0|2026-11-23T10:00:00|00:00:00|4|2G\n";
    JobAccounting a = summarizeText(out, 4603);
    assertEquals("CANCELLED", a.state());
    assertNull(a.cpuEfficiency()); // never ran: Elapsed 0, no CPU time, not 0 %
    assertNull(a.totalCpu());
  }

  @Test
  void totalCpuFallsBackToTheSumOfStepsWhenTheAllocationLineHasNone() {
    String out =
        "JobID|State|End|Elapsed|AllocCPUS|NNodes|TotalCPU\n"
            + "4604|COMPLETED|2026-11-23T10:00:00|00:10:00|2|1|00:00:00\n"
            + "4604.batch|COMPLETED|2026-11-23T10:00:00|00:10:00|2|1|04:00.500\n"
            + "4604.0|COMPLETED|2026-11-23T10:00:00|00:09:00|2|1|05:00.500\n";
    JobAccounting a = summarizeText(out, 4604);
    assertEquals(Duration.ofSeconds(541), a.totalCpu());
    assertEquals(541.0 / 1200, a.cpuEfficiency(), EPS);
  }

  @Test
  void allocTresGivesTheRequestWhenReqMemIsAbsentOrZero() {
    String out =
        "JobID|State|End|NNodes|AllocCPUS|ReqMem|AllocTRES|MaxRSS\n"
            + "4605|COMPLETED|2026-11-23T10:00:00|2|8|0|billing=8,cpu=8,mem=64G,node=2|\n"
            + "4605.0|COMPLETED|2026-11-23T10:00:00|2|8||cpu=8,mem=64G,node=2|8G\n";
    JobAccounting a = summarizeText(out, 4605);
    assertEquals(32L << 30, a.requestedMemoryPerNodeBytes());
    assertEquals(0.25, a.memoryEfficiency(), EPS);
  }

  private static String header() {
    return "JobID|JobIDRaw|State|End|Elapsed|AllocCPUS|ReqMem\n";
  }

  private static JobAccounting summarizeText(String out, long jobId) {
    return AccountingSummarizer.summarize(SacctParser.parse(out), jobId, UTC);
  }
}
