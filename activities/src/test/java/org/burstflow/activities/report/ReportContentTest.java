package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.OfflineAnalysis;
import org.burstflow.activities.analysis.TestSpool;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report a researcher reads, for the kinds of job there are: from sacct fixtures and real spool files. */
class ReportContentTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path spoolRoot;
  private final ReportRenderer renderer = new ReportRenderer();

  private ReportInput input(String fixture, String cluster, Path samples) throws Exception {
    OfflineAnalysis offline = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC);
    JobAnalysis analysis = offline.analyze(
        new BufferedReader(new StringReader(Fixtures.read("sacct/" + fixture))), cluster, samples).get(0);
    JobAccounting accounting = org.burstflow.activities.slurm.AccountingSummarizer.summarize(
            org.burstflow.activities.slurm.SacctParser.parse(Fixtures.read("sacct/" + fixture)),
            analysis.jobId(), ZoneOffset.UTC);
    return new ReportInput(new JobKey(cluster, analysis.jobId()), accounting, null, null, analysis);
  }

  private static void assertPng(ChartImage chart) throws Exception {
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(chart.png(), 8), chart.name());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
    assertEquals(720, image.getWidth(), chart.name());
  }

  @Test
  void gpuJobOnAmdNodesHasThreeGpuChartsRootCausesLessonsAndTheDiff() throws Exception {
    // 8 GCDs for 4 h at 10 s; only the first two do work
    TestSpool.rocm(spoolRoot.resolve("7001"), "nid005001", "0,1,2,3,4,5,6,7", 8, 1440, 10,
        (i, c) -> c < 2 ? 90 + (i % 10) : 0, (i, c) -> c % 2 == 1 ? -1 : c < 2 ? 400 : 90);
    ReportInput in = input("lumi-gpu-8gcd.txt", "lumi", spoolRoot.resolve("7001"));
    ReportVisuals visuals = new ReportCharts(spoolRoot).draw(in);
    RenderedReport r = renderer.render(in, visuals);

    assertTrue(visuals.amdGpus(), "rocm-smi samples mean AMD GPUs");
    assertEquals(List.of("gpu-util", "memory", "gpu-heatmap"), r.charts().stream().map(ChartImage::name).toList());
    for (ChartImage c : r.charts()) {
      assertPng(c);
      assertTrue(r.html().contains("<img src=\"cid:" + c.name() + "\""), c.name());
      assertTrue(r.markdown().contains("](cid:" + c.name() + ")"), c.name());
    }
    assertTrue(r.charts().get(0).description().contains("nid005001:0 9"), r.charts().get(0).description());
    assertTrue(r.charts().get(1).description().contains("of 64.0 GiB capacity"), r.charts().get(1).description());

    String md = r.markdown();
    assertTrue(r.subject().endsWith(", GPU " + ReportFormat.percent(in.analysis().gpu().meanUtil())), r.subject());
    assertTrue(md.contains("Efficiency class: **Inefficient** (GPU mean utilisation 23.6%"), md);
    assertTrue(md.contains("## Job summary"), md);
    assertTrue(md.contains("## Observed usage"), md);
    assertTrue(md.contains("| Time used of the limit | 8.3 % | Elapsed 04:00:00, Timelimit 2-00:00:00 |"), md);
    assertTrue(md.contains("| nid005001:0 | 94.5 % |"), md);
    assertTrue(md.contains("## What we noticed"), md);
    assertTrue(md.contains("**More GPUs than the work used**"), md);
    assertTrue(md.contains("busy\\_gpus = 2"), md);
    assertTrue(md.contains("ROCR\\_VISIBLE\\_DEVICES"), "the AMD wording of the lesson: " + md);
    assertTrue(md.contains("More: <https://rocm.docs.amd.com/"), md);
    assertTrue(md.contains("-#SBATCH --gpus=8\n+#SBATCH --gpus=2\n"), md);
    assertTrue(md.contains("Estimated savings on a run like this one: "), md);
    assertTrue(md.contains("## How each number is defined"), md);
    assertFalse(md.contains("## What is missing"), "all data present: " + md);
    assertFalse(md.contains("Inefficient user") || md.toLowerCase().contains("you wasted"), "neutral wording");
    assertTrue(r.text().contains("Charts (in the HTML version of this report):\n- GPU utilisation over time:"), r.text());
    assertTrue(r.html().contains("<figcaption>Utilisation per GPU (heatmap)</figcaption>"), r.html());
  }

  @Test
  void gpuJobWithoutSamplesSaysWhatIsMissingAndDrawsCpuAndMemoryInstead() throws Exception {
    ReportInput in = input("lumi-gpu-8gcd.txt", "lumi", spoolRoot.resolve("7001"));
    ReportVisuals visuals = new ReportCharts(spoolRoot).draw(in);
    RenderedReport r = renderer.render(in, visuals);

    assertEquals(List.of("cpu", "memory"), r.charts().stream().map(ChartImage::name).toList());
    assertNull(visuals.chartsMissing(), "the missing GPU data is said once, under what is missing");
    String md = r.markdown();
    assertTrue(md.contains("Efficiency class: **Not enough data to classify**"), md);
    assertTrue(md.contains("**No GPU data** for the 8 allocated GPU(s)"), md);
    assertTrue(md.contains("## What is missing and why\n\n- GPU utilisation and GPU charts: no GPU samples were spooled"), md);
    assertFalse(md.contains("cid:gpu-util"), md);
    assertFalse(r.subject().contains("GPU"), "no GPU figure in the subject without GPU data: " + r.subject());
  }

  @Test
  void cpuJobHasCpuAndMemoryChartsFromSacct() throws Exception {
    ReportInput in = input("completed-two-node-cloud.txt", "dev", null);
    RenderedReport r = renderer.render(in, new ReportCharts(spoolRoot).draw(in));

    assertEquals(List.of("cpu", "memory"), r.charts().stream().map(ChartImage::name).toList());
    for (ChartImage c : r.charts()) {
      assertPng(c);
    }
    assertEquals("CPU time used 3.00 core-hours of 4.00 allocated", r.charts().get(0).description());
    assertEquals("peak RSS 1.9 GiB of 3.9 GiB requested per node", r.charts().get(1).description());
    assertTrue(r.html().contains("<img src=\"cid:cpu\" alt=\"CPU time used 3.00 core-hours of 4.00 allocated\""), r.html());
    assertFalse(r.markdown().contains("GPUs:"), "no GPU section for a CPU job");
    assertFalse(r.markdown().contains("## Cost"), "a local job has no cost section");
  }

  @Test
  void failedJobSaysHowItEndedAndWhatWasNoticed() throws Exception {
    ReportInput in = input("failed.txt", "dev", null);
    RenderedReport r = renderer.render(in, new ReportCharts(spoolRoot).draw(in));

    String md = r.markdown();
    assertTrue(md.contains("The job ended in state FAILED with exit code " + in.accounting().exitCode() + "."), md);
    assertTrue(md.contains("## What we noticed\n\n- **"), md);
    assertTrue(r.subject().startsWith("[burstflow] Job " + in.job().jobId() + " FAILED"), r.subject());
  }

  @Test
  void reportWithoutAnalysisIsPartialAndSaysWhy() throws Exception {
    ReportInput full = input("completed-two-node-cloud.txt", "dev", null);
    ReportInput in = new ReportInput(full.job(), full.accounting(), null, null, null);
    RenderedReport r = renderer.render(in);

    String md = r.markdown();
    assertTrue(md.contains("Efficiency class: not available (no efficiency analysis for this job, see below)."), md);
    assertTrue(md.contains("## What is missing and why\n\n- Efficiency class, findings and recommendations: "
        + "the efficiency analysis did not produce a result for this job"), md);
    assertTrue(md.contains("| CPU efficiency | 75.0 % |"), "what sacct gave is still there: " + md);
    assertFalse(md.contains("## Recommendations"), md);
  }

  @Test
  void siteOverridesLessonAndLink() throws Exception {
    ReportInput in = input("out-of-memory.txt", "dev", null);
    ReportRenderer site = new ReportRenderer(ZoneOffset.UTC,
        new CauseLessons(Map.of("OOM", "Ask the helpdesk about big-memory nodes."),
            Map.of("OOM", "https://wiki.example.org/memory")));
    String md = site.render(in).markdown();
    assertTrue(md.contains("Ask the helpdesk about big-memory nodes. More: <https://wiki.example.org/memory>"), md);
    assertFalse(md.contains("Slurm stops a job whose processes"), md);
  }
}
