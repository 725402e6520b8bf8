package org.burstflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.GpuUsageCalculator;
import org.burstflow.activities.analysis.JobAnalyzer;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.burstflow.activities.report.OptOutTokens;
import org.burstflow.activities.report.PreferenceLinks;
import org.burstflow.activities.report.RenderedReport;
import org.burstflow.activities.report.ReportCharts;
import org.burstflow.activities.report.ReportMailer;
import org.burstflow.activities.report.ReportRenderer;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Reports for 1,000 GPU jobs (8 GPUs × 30 min at 1 s, 14,400 GPU samples each, read from the
 * sampler's spool like in production), three ways in the same JVM and run: the report text only
 * (Markdown, plain text, HTML: the baseline), text and the three charts (spool read, downsampling,
 * PNG encoding), and all that e-mailed over SMTP to an in-process GreenMail as multipart with
 * inline images. Prints the time per report of each and the ratios to the baseline.
 *   java -cp … org.burstflow.bench.ReportBenchmark [WORK_DIR] [REPORTS]
 */
public final class ReportBenchmark {

  private static final int GPUS = 8;
  private static final int SECONDS = 1800;
  private static final long T0 = 1_763_859_600L;

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/target/report-data"));
    int reports = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path spool = Files.createDirectories(dir.resolve("spool"));
    Path template = Files.createDirectories(spool.resolve("template"));
    if (!Files.exists(template.resolve("nid005001.gpu"))) {
      DataGenerator.gpuSpool(template.resolve("nid005001.gpu"), GPUS, SECONDS);
    }
    // every job's spool directory is the same samples: <spool>/<jobid> -> template
    for (int i = 0; i < reports; i++) {
      Path link = spool.resolve(Long.toString(jobId(i)));
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, template.getFileName());
      }
    }
    JobAnalysis analysis = analysis(template);

    ReportRenderer renderer = new ReportRenderer();
    ReportCharts charts = new ReportCharts(spool);
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    try {
      ReportMailer mailer = new ReportMailer("127.0.0.1", smtp.getSmtp().getPort(), "burstflow@example.org",
          new PreferenceLinks("https://burstflow.example.org", new OptOutTokens("benchmark-opt-out-secret")));
      System.out.printf(Locale.ROOT, "java %s, %d cores; %d reports of a GPU job (%d GPUs x %d min at 1 s)%n",
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), reports, GPUS, SECONDS / 60);
      // warm-up of every path, then the measured runs
      run(Math.min(50, reports), i -> renderer.render(input(i, analysis)));
      run(Math.min(50, reports), i -> renderer.render(input(i, analysis), charts.draw(input(i, analysis))));
      double text = run(reports, i -> renderer.render(input(i, analysis)));
      double drawn = run(reports, i -> renderer.render(input(i, analysis), charts.draw(input(i, analysis))));
      int before = smtp.getReceivedMessages().length;
      double sent = run(reports, i -> {
        ReportInput in = input(i, analysis);
        RenderedReport r = renderer.render(in, charts.draw(in));
        mailer.send(new ReportMailer.Outgoing(mailer.messageIdOf(in.job()), "alice@example.org", "alice",
            r.subject(), r.text(), r.html(), r.charts(), in.job().toString()));
      });
      int received = smtp.getReceivedMessages().length - before;
      if (received != reports) {
        throw new IllegalStateException("GreenMail received " + received + " of " + reports + " e-mails");
      }
      System.out.printf(Locale.ROOT, "  text only (Markdown, text, HTML):  %7.2f ms/report   1.0 x (baseline)%n", text);
      System.out.printf(Locale.ROOT, "  + 3 charts (spool, PNG):          %7.2f ms/report  %5.1f x%n", drawn, drawn / text);
      System.out.printf(Locale.ROOT, "  + SMTP send, multipart + 3 PNGs:  %7.2f ms/report  %5.1f x  (%d e-mails received)%n",
          sent, sent / text, received);
    } finally {
      smtp.stop();
    }
  }

  private interface Step {
    void run(int i) throws Exception;
  }

  /** Milliseconds per report. */
  private static double run(int n, Step step) throws Exception {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      step.run(i);
    }
    return (System.nanoTime() - t0) / 1e6 / n;
  }

  private static long jobId(int i) {
    return 100_000 + i;
  }

  private static ReportInput input(int i, JobAnalysis analysis) {
    Instant start = Instant.ofEpochSecond(T0);
    JobAccounting a = new JobAccounting(jobId(i), "train-" + i, "alice", "project_465000123", "standard-g",
        "COMPLETED", "0:0", start, start.plusSeconds(SECONDS), Duration.ofSeconds(SECONDS), Duration.ofHours(2), 1,
        56, "nid005001", Duration.ofHours(6), 480L << 30, 86L << 30, 0.21, 0.18);
    return new ReportInput(new JobKey("lumi", jobId(i)), a, null, null, analysis);
  }

  /** The analysis the reports show, computed once: it is not what this benchmark measures. */
  private static JobAnalysis analysis(Path template) throws Exception {
    AnalysisSettings settings = AnalysisSettings.defaults();
    GpuUsageCalculator calc = new GpuUsageCalculator(settings);
    GpuSpoolReader.SpoolSummary summary = GpuSpoolReader.read(template, calc::accept);
    JobAccounting a = input(0, null).accounting();
    return new JobAnalyzer(settings).analyze(new JobKey("lumi", a.jobId()), a, calc.finish(GPUS, summary.noDataReason()),
        List.of(), null);
  }
}
