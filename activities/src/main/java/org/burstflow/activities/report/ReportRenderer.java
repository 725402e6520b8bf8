package org.burstflow.activities.report;

import static org.burstflow.activities.report.ReportFormat.NOT_AVAILABLE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a job report from the templates in {@code resources/report/}: Markdown (values from
 * outside escaped), HTML from that Markdown (the renderer escapes any HTML that still gets
 * through), and plain text from the same templates with the values as they are, since Markdown
 * with tables reads well as text and commonmark's text renderer flattens tables. Thread-safe.
 */
public final class ReportRenderer {

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  /**
   * Stands where the charts go in the Markdown the HTML is made from; commonmark renders it as a
   * paragraph of its own, which no value from outside can be (they sit in headings, table cells
   * and list items).
   */
  private static final String CHART_SLOT = "@@burstflow-charts@@";

  private final ZoneId zone;
  private final CauseLessons lessons;
  private final String jobTemplate = resource("job-report.md");
  private final String instancesTemplate = resource("instances-section.md");
  private final String costTemplate = resource("cost-section.md");
  private final String interruptionsTemplate = resource("interruptions-section.md");
  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer html =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  /** Times shown in UTC, the default lessons. */
  public ReportRenderer() {
    this(ZoneId.of("UTC"));
  }

  /** @param zone the zone Start and End are shown in (the cluster's, usually) */
  public ReportRenderer(ZoneId zone) {
    this(zone, CauseLessons.defaults());
  }

  public ReportRenderer(ZoneId zone, CauseLessons lessons) {
    this.zone = zone;
    this.lessons = lessons;
  }

  /** The percentage string reports show for a 0–1 fraction: {@code 42.5 %}. */
  public static String percent(Double fraction) {
    return ReportFormat.percent(fraction);
  }

  public RenderedReport render(ReportInput input) {
    return render(input, ReportVisuals.none());
  }

  public RenderedReport render(ReportInput input, ReportVisuals visuals) {
    List<ChartImage> charts = visuals.charts();
    String markdown = fill(input, visuals, ReportFormat::markdownText, chartReferences(charts));
    String forHtml = fill(input, visuals, ReportFormat::markdownText, charts.isEmpty() ? "" : "\n" + CHART_SLOT + "\n");
    String text = fill(input, visuals, ReportFormat::plainText, chartList(charts));
    String subject = subject(input);
    return new RenderedReport(subject, markdown, text, htmlPage(subject, forHtml, charts), charts);
  }

  private static String chartReferences(List<ChartImage> charts) {
    StringBuilder sb = new StringBuilder();
    for (ChartImage c : charts) {
      sb.append("\n![").append(ReportFormat.markdownText(c.description())).append("](cid:").append(c.name()).append(")\n");
    }
    return sb.toString();
  }

  private static String chartList(List<ChartImage> charts) {
    if (charts.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\nCharts (in the HTML version of this report):\n");
    charts.forEach(c -> sb.append("- ").append(c.title()).append(": ").append(c.description()).append('\n'));
    return sb.toString();
  }

  /** The report text, with every value from outside passed through {@code outside}. */
  private String fill(ReportInput input, ReportVisuals visuals, UnaryOperator<String> outside, String charts) {
    JobAccounting a = input.accounting();
    JobAnalysis analysis = input.analysis();
    Map<String, String> values = new HashMap<>();
    values.put("jobId", Long.toString(input.job().jobId()));
    values.put("jobName", a.jobName() == null ? "unnamed" : outside.apply(a.jobName()));
    values.put("cluster", outside.apply(input.job().cluster()));
    values.put("state", outside.apply(state(a)));
    values.put("headline", headline(input, outside));
    values.put("user", recorded(a.user(), outside));
    values.put("account", recorded(a.account(), outside));
    values.put("partition", recorded(a.partition(), outside));
    values.put("nodes",
        a.allocNodes() + (a.nodeList() == null ? "" : " (" + outside.apply(a.nodeList()) + ")"));
    values.put("cpus", Integer.toString(a.allocCpus()));
    values.put("start", ReportFormat.time(a.start(), zone));
    values.put("end", ReportFormat.time(a.end(), zone));
    values.put("elapsed", elapsed(a));
    values.put("exitCode", recorded(a.exitCode(), outside));
    values.put("cpuEfficiency", withReason(a.cpuEfficiency(), cpuMissing(a)));
    values.put("cpuFigures", cpuFigures(a));
    values.put("memoryEfficiency", withReason(a.memoryEfficiency(), memoryMissing(a)));
    values.put("memoryFigures", memoryFigures(a));
    values.put("timeEfficiency", withReason(timeEfficiency(a), timeMissing(a)));
    values.put("timeFigures", "Elapsed " + ReportFormat.duration(a.elapsed()) + ", Timelimit "
        + (a.timeLimit() == null ? "none" : ReportFormat.duration(a.timeLimit())));
    values.put("gpuUsage", analysis == null ? "" : AnalysisSection.gpuUsage(analysis.gpu(), outside));
    values.put("charts", charts);
    values.put("analysisSections",
        analysis == null ? "" : AnalysisSection.sections(analysis, outside, lessons, visuals.amdGpus()));
    values.put("burstSection", costSection(input) + instancesSection(input.launched(), outside)
        + InterruptionsSection.markdown(interruptionsTemplate, input, outside, zone));
    values.put("missingSection", missingSection(input, visuals, outside));
    return substitute(jobTemplate, values);
  }

  private static String headline(ReportInput input, UnaryOperator<String> outside) {
    JobAccounting a = input.accounting();
    String line = input.analysis() == null
        ? "Efficiency class: not available (no efficiency analysis for this job, see below)."
        : AnalysisSection.headline(input.analysis(), outside);
    if (!"COMPLETED".equals(a.state())) {
      line += " The job ended in state " + outside.apply(state(a)) + " with exit code "
          + recorded(a.exitCode(), outside) + ".";
    }
    return line;
  }

  /** Everything the report would show but cannot, each with why: a partial report says so. */
  private static String missingSection(ReportInput input, ReportVisuals visuals, UnaryOperator<String> outside) {
    JobAccounting a = input.accounting();
    List<String> missing = new java.util.ArrayList<>();
    if (input.analysis() == null) {
      missing.add("Efficiency class, findings and recommendations: the efficiency analysis did not "
          + "produce a result for this job (its failure is recorded with the job's workflow).");
    } else if (input.analysis().gpu() != null && input.analysis().gpu().meanUtil() == null) {
      missing.add("GPU utilisation and GPU charts: " + outside.apply(input.analysis().gpu().noDataReason()) + ".");
    }
    if (cpuMissing(a) != null) {
      missing.add("CPU efficiency: " + cpuMissing(a) + ".");
    }
    if (memoryMissing(a) != null) {
      missing.add("Memory efficiency: " + memoryMissing(a) + ".");
    }
    if (input.launched() != null && input.cost() == null) {
      missing.add("Cost: the job's charge has not been reconciled.");
    }
    if (visuals.chartsMissing() != null) {
      missing.add("Charts: " + outside.apply(visuals.chartsMissing()) + ".");
    }
    if (missing.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\n## What is missing and why\n\n");
    missing.forEach(m -> sb.append("- ").append(m).append('\n'));
    return sb.toString();
  }

  private static Double timeEfficiency(JobAccounting a) {
    return timeMissing(a) != null ? null
        : (double) a.elapsed().toMillis() / a.timeLimit().toMillis();
  }

  private static String timeMissing(JobAccounting a) {
    if (a.elapsed() == null) {
      return "sacct recorded no elapsed time";
    }
    if (a.timeLimit() == null || a.timeLimit().isZero()) {
      return "the job had no time limit";
    }
    return null;
  }

  private static String subject(ReportInput input) {
    String subject = subject(input.job().jobId(), input.accounting());
    JobAnalysis analysis = input.analysis();
    if (analysis != null && analysis.gpu() != null && analysis.gpu().meanUtil() != null) {
      subject += ", GPU " + percent(analysis.gpu().meanUtil());
    }
    return subject;
  }

  /** {@code [burstflow] Job 123 COMPLETED: CPU 42.5 %, memory 12.0 %}; a header, so one line. */
  static String subject(long jobId, JobAccounting a) {
    return ("[burstflow] Job " + jobId + " " + state(a) + ": CPU " + percent(a.cpuEfficiency())
            + ", memory " + percent(a.memoryEfficiency()))
        .replaceAll("\\p{Cntrl}", " ");
  }

  private static String state(JobAccounting a) {
    return a.state() == null ? "UNKNOWN" : a.state();
  }

  private static String elapsed(JobAccounting a) {
    String elapsed = ReportFormat.duration(a.elapsed());
    return a.timeLimit() == null
        ? elapsed + " (no time limit)"
        : elapsed + " of a " + ReportFormat.duration(a.timeLimit()) + " time limit";
  }

  private static String cpuFigures(JobAccounting a) {
    String coreWalltime =
        a.elapsed() == null
            ? missing("no Elapsed")
            : a.allocCpus() == 0
                ? missing("no AllocCPUS")
                : ReportFormat.duration(a.elapsed().multipliedBy(a.allocCpus()));
    return "TotalCPU " + figure(ReportFormat.duration(a.totalCpu()), a.totalCpu(), "none recorded")
        + ", core-walltime " + coreWalltime
        + " (Elapsed " + figure(ReportFormat.duration(a.elapsed()), a.elapsed(), "none recorded")
        + " × " + a.allocCpus() + " CPUs)";
  }

  private static String memoryFigures(JobAccounting a) {
    return "peak RSS "
        + figure(ReportFormat.bytes(a.peakRssBytes()), a.peakRssBytes(), "no MaxRSS in any step")
        + ", requested per node "
        + figure(ReportFormat.bytes(a.requestedMemoryPerNodeBytes()),
            a.requestedMemoryPerNodeBytes(), "no ReqMem or AllocTRES mem");
  }

  private static String figure(String formatted, Object value, String whyMissing) {
    return value == null ? missing(whyMissing) : formatted;
  }

  private static String missing(String why) {
    return NOT_AVAILABLE + " (" + why + ")";
  }

  /** Why CPU efficiency could not be computed, or null if it could. */
  private static String cpuMissing(JobAccounting a) {
    if (a.totalCpu() == null) {
      return "sacct recorded no CPU time for the job's steps";
    }
    if (a.elapsed() == null) {
      return "sacct recorded no elapsed time";
    }
    if (a.elapsed().isZero()) {
      return "the job ran for 0 seconds";
    }
    if (a.allocCpus() == 0) {
      return "sacct recorded no allocated CPUs";
    }
    return null;
  }

  private static String memoryMissing(JobAccounting a) {
    if (a.peakRssBytes() == null) {
      return "sacct recorded no MaxRSS for any step";
    }
    if (a.requestedMemoryPerNodeBytes() == null) {
      return "sacct shows no memory request (ReqMem or AllocTRES mem)";
    }
    return null;
  }

  private static String withReason(Double fraction, String whyMissing) {
    if (fraction != null) {
      return percent(fraction);
    }
    return missing(whyMissing == null ? "not computed" : whyMissing);
  }

  private String instancesSection(LaunchedNodes launched, UnaryOperator<String> outside) {
    if (launched == null) {
      return "";
    }
    StringBuilder rows = new StringBuilder();
    for (LaunchedNode n : launched.nodes()) {
      rows.append("| ").append(outside.apply(n.node()))
          .append(" | ").append(outside.apply(n.instanceId()))
          .append(" | ").append(outside.apply(n.instanceType()))
          .append(" | ").append(outside.apply(n.availabilityZone()))
          .append(" | ").append(outside.apply(n.purchasingOption()))
          .append(" | ").append(ReportFormat.hourlyPrice(n.hourlyPrice()))
          .append(" |\n");
    }
    return substitute(instancesTemplate, Map.of("instanceRows", rows.toString().stripTrailing()));
  }

  private String costSection(ReportInput input) {
    ReconcileResult cost = input.cost();
    if (cost == null) {
      return input.launched() == null
          ? ""
          : "\n## Cost\n\n" + NOT_AVAILABLE + " (the job's charge has not been reconciled)\n";
    }
    return substitute(
        costTemplate,
        Map.of(
            "estimate", ReportFormat.money(cost.estimate()),
            "held", ReportFormat.money(cost.held()),
            "charged", ReportFormat.money(cost.charged()),
            "variance", ReportFormat.signedMoney(cost.variance())));
  }

  private String htmlPage(String subject, String markdown, List<ChartImage> charts) {
    String body = html.render(parser.parse(markdown));
    if (!charts.isEmpty()) {
      body = body.replace("<p>" + CHART_SLOT + "</p>", chartFigures(charts));
    }
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + StringEscapeUtils.escapeHtml4(subject)
        + "</title><style>body{font-family:sans-serif;max-width:60em}table{border-collapse:collapse}"
        + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}"
        + "figure{margin:1em 0}img{max-width:100%;height:auto}</style></head>\n<body>\n"
        + body
        + "</body></html>\n";
  }

  /** {@code <img src="cid:NAME">}: the e-mail attaches the PNG with Content-ID NAME, the portal rewrites it. */
  private static String chartFigures(List<ChartImage> charts) {
    StringBuilder sb = new StringBuilder();
    for (ChartImage c : charts) {
      sb.append("<figure><img src=\"cid:").append(c.name()).append("\" alt=\"")
          .append(StringEscapeUtils.escapeHtml4(c.description())).append("\" width=\"720\">")
          .append("<figcaption>").append(StringEscapeUtils.escapeHtml4(c.title())).append("</figcaption></figure>\n");
    }
    return sb.toString();
  }

  private static String recorded(String value, UnaryOperator<String> outside) {
    return value == null ? "not recorded" : outside.apply(value);
  }

  /**
   * Values are inserted as they are: no ${…} inside a value (a job may well be named that) is
   * looked up, and a template naming a value we do not supply is a bug, reported at once.
   */
  private static String substitute(String template, Map<String, String> values) {
    StringSubstitutor substitutor = new StringSubstitutor(values);
    substitutor.setDisableSubstitutionInValues(true);
    substitutor.setEnableUndefinedVariableException(true);
    return substitutor.replace(template);
  }

  private static String resource(String name) {
    try (InputStream in = ReportRenderer.class.getResourceAsStream("/report/" + name)) {
      if (in == null) {
        throw new IllegalStateException("report template /report/" + name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
