package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

  private static final JobKey JOB = new JobKey("dev", 4242);
  private final ReportRenderer renderer = new ReportRenderer();

  private static JobAccounting accounting(String fixture, long jobId) {
    return AccountingSummarizer.summarize(
        SacctParser.parse(Fixtures.read("sacct/" + fixture)), jobId, ZoneOffset.UTC);
  }

  private static JobAccounting withNames(JobAccounting a, String jobName, String user, String account) {
    return new JobAccounting(a.jobId(), jobName, user, account, a.partition(), a.state(),
        a.exitCode(), a.start(), a.end(), a.elapsed(), a.timeLimit(), a.allocNodes(),
        a.allocCpus(), a.nodeList(), a.totalCpu(), a.requestedMemoryPerNodeBytes(),
        a.peakRssBytes(), a.cpuEfficiency(), a.memoryEfficiency());
  }

  private static LaunchedNodes twoSpotNodes() {
    Instant launch = Instant.parse("2026-11-23T04:28:00Z");
    return new LaunchedNodes(List.of(
        new LaunchedNode("burst-1", "i-0a1b2c3d4e5f60001", "c5.xlarge", "eu-north-1a",
            "10.0.0.5", "ip-10-0-0-5", "spot", launch, new BigDecimal("0.0712")),
        new LaunchedNode("burst-2", "i-0a1b2c3d4e5f60002", "c5.xlarge", "eu-north-1b",
            "10.0.0.6", "ip-10-0-0-6", "on-demand", launch, new BigDecimal("0.194"))));
  }

  @Test
  void cpuJobWithAllData() {
    JobAccounting a = accounting("completed-two-node-cloud.txt", 4242);
    RenderedReport r = renderer.render(new ReportInput(JOB, a, null, null));

    assertEquals("[burstflow] Job 4242 COMPLETED: CPU 75.0 %, memory 47.5 %", r.subject());
    assertTrue(r.markdown().startsWith("# Job 4242 (md-run) on dev: COMPLETED\n"), r.markdown());
    assertTrue(r.markdown().contains("| User | alice |"));
    assertTrue(r.markdown().contains("| Account | chem-lab |"));
    assertTrue(r.markdown().contains("| Nodes | 2 (burst-\\[1-2\\]) |"));
    assertTrue(r.markdown().contains("| CPUs | 8 |"));
    assertTrue(r.markdown().contains("| Start | 2026-11-23 04:30:00 UTC |"));
    assertTrue(r.markdown().contains("| Elapsed | 00:30:00 of a 01:00:00 time limit |"));
    assertTrue(r.markdown().contains("| Exit code | 0:0 |"));
    assertTrue(r.markdown().contains(
        "| CPU efficiency | 75.0 % | TotalCPU 03:00:00, core-walltime 04:00:00 "
            + "(Elapsed 00:30:00 × 8 CPUs) |"), r.markdown());
    assertTrue(r.markdown().contains(
        "| Memory efficiency | 47.5 % | peak RSS 1.9 GiB, requested per node 3.9 GiB |"),
        r.markdown());
    assertTrue(r.markdown().contains("## How each number is defined"));
    assertTrue(r.markdown().contains("TotalCPU / (Elapsed × AllocCPUS)"));
    assertTrue(r.markdown().contains("peak RSS / memory requested per node"));
    assertFalse(r.markdown().contains("Cloud instances"), "a local job has no instance table");
    assertFalse(r.markdown().contains("## Cost"), "a local job has no cost section");

    assertTrue(r.html().contains("<td>75.0 %</td>"), "tables render as HTML tables");
    assertTrue(r.html().contains("<h1>Job 4242 (md-run) on dev: COMPLETED</h1>"));
    assertTrue(r.text().contains("| Nodes | 2 (burst-[1-2]) |"), "text has no Markdown escapes");
  }

  @Test
  void missingFiguresSayNotAvailableAndWhyInsteadOfANumber() {
    JobAccounting a = accounting("no-maxrss.txt", 4330);
    RenderedReport r = renderer.render(new ReportInput(JOB, a, null, null));

    assertEquals("[burstflow] Job 4242 COMPLETED: CPU 45.0 %, memory not available", r.subject());
    assertTrue(r.markdown().contains(
        "| Memory efficiency | not available (sacct recorded no MaxRSS for any step) "
            + "| peak RSS not available (no MaxRSS in any step), requested per node 2.0 GiB |"),
        r.markdown());
    assertTrue(r.markdown().contains("| Elapsed | 00:10:00 (no time limit) |"));
    assertFalse(r.markdown().contains("0.0 %"), "unknown must never show as zero");
  }

  @Test
  void jobThatNeverRanHasNoCpuFigures() {
    JobAccounting ran = accounting("no-maxrss.txt", 4330);
    JobAccounting never = new JobAccounting(4331, "x", "erin", "astro", "cloud", "CANCELLED",
        "0:0", ran.start(), ran.start(), java.time.Duration.ZERO, null, 1, 2, null, null,
        null, null, null, null);
    RenderedReport r = renderer.render(new ReportInput(new JobKey("dev", 4331), never, null, null));

    assertTrue(r.markdown().contains(
        "| CPU efficiency | not available (sacct recorded no CPU time for the job's steps) "
            + "| TotalCPU not available (none recorded), core-walltime 00:00:00 "
            + "(Elapsed 00:00:00 × 2 CPUs) |"), r.markdown());
    assertTrue(r.markdown().contains("requested per node not available (no ReqMem or AllocTRES mem)"));
    assertTrue(r.markdown().contains("| Nodes | 1 |"));
  }

  @Test
  void burstJobShowsInstancesAndCost() {
    JobAccounting a = accounting("completed-two-node-cloud.txt", 4242);
    ReconcileResult cost = new ReconcileResult("chem-lab", new BigDecimal("0.4000"),
        new BigDecimal("0.8000"), new BigDecimal("0.1326"), new BigDecimal("0.6674"),
        new BigDecimal("-0.2674"), "2 instances × 0.5 h");
    RenderedReport r = renderer.render(new ReportInput(JOB, a, twoSpotNodes(), cost));

    String md = r.markdown();
    assertTrue(md.contains("## Cloud instances"));
    assertTrue(md.contains(
        "| burst-1 | i-0a1b2c3d4e5f60001 | c5.xlarge | eu-north-1a | spot | 0.0712 USD/h |"), md);
    assertTrue(md.contains(
        "| burst-2 | i-0a1b2c3d4e5f60002 | c5.xlarge | eu-north-1b | on-demand | 0.1940 USD/h |"), md);
    assertTrue(md.contains("| Estimate | 0.4000 USD |"));
    assertTrue(md.contains("| Held | 0.8000 USD |"));
    assertTrue(md.contains("| Charged | 0.1326 USD |"));
    assertTrue(md.contains("| Variance (charged − estimate) | -0.2674 USD |"));
    assertTrue(r.html().contains("<td>i-0a1b2c3d4e5f60002</td>"));
  }

  @Test
  void burstJobWithoutReconciledCostSaysSo() {
    JobAccounting a = accounting("completed-two-node-cloud.txt", 4242);
    RenderedReport r = renderer.render(new ReportInput(JOB, a, twoSpotNodes(), null));
    assertTrue(r.markdown().contains("## Cost\n\nnot available (the job's charge has not been reconciled)"),
        r.markdown());
  }

  @Test
  void maliciousNamesCannotInjectHtmlBreakTablesOrPullInOtherValues() {
    JobAccounting a = withNames(accounting("completed-two-node-cloud.txt", 4242),
        "<script>alert('x')</script> *bold* [link](javascript:alert(1)) ${user}",
        "mallory<img src=x onerror=alert(1)>", "acct|with|pipes\nand a newline");
    RenderedReport r = renderer.render(new ReportInput(JOB, a, null, null));

    assertFalse(r.html().contains("<script"), r.html());
    assertFalse(r.html().contains("<img"), r.html());
    assertFalse(r.html().contains("href=\"javascript"), r.html());
    assertFalse(r.html().contains("<em>"), "user text is not Markdown");
    assertTrue(r.html().contains("&lt;script&gt;alert("), r.html());
    assertTrue(r.html().contains("<td>acct|with|pipes and a newline</td>"), r.html());
    assertTrue(r.html().contains("${user}"), "a value is never looked up as a variable");
    assertTrue(r.text().contains("(<script>alert('x')</script> *bold* [link](javascript:alert(1)) ${user})"),
        "the plain text shows the name as it is");
    assertTrue(r.text().contains("| Account | acct|with|pipes and a newline |"));
  }

  @Test
  void subjectIsOneLineAndUsesThePercentHelper() {
    JobAccounting a = accounting("failed.txt", 4310);
    RenderedReport r = renderer.render(new ReportInput(new JobKey("dev", 4310), a, null, null));
    assertEquals(
        "[burstflow] Job 4310 FAILED: CPU " + ReportRenderer.percent(a.cpuEfficiency())
            + ", memory " + ReportRenderer.percent(a.memoryEfficiency()),
        r.subject());
    assertEquals("[burstflow] Job 4310 FAILED: CPU 0.5 %, memory 7.2 %", r.subject());

    JobAccounting odd = new JobAccounting(1, null, null, null, null, "FAILED\r\nBcc: x@y",
        null, null, null, null, null, 0, 0, null, null, null, null, null, null);
    String subject = renderer.render(new ReportInput(new JobKey("dev", 1), odd, null, null)).subject();
    assertFalse(subject.contains("\n") || subject.contains("\r"), subject);
  }

  @Test
  void timesAreShownInTheRendererZone() {
    JobAccounting a = accounting("completed-two-node-cloud.txt", 4242);
    RenderedReport r = new ReportRenderer(ZoneId.of("Europe/Helsinki"))
        .render(new ReportInput(JOB, a, null, null));
    assertTrue(r.markdown().contains("| Start | 2026-11-23 06:30:00 EET |"), r.markdown());
  }
}
