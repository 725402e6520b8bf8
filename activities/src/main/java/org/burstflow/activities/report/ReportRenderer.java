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

  private final ZoneId zone;
  private final String jobTemplate = resource("job-report.md");
  private final String instancesTemplate = resource("instances-section.md");
  private final String costTemplate = resource("cost-section.md");
  private final String interruptionsTemplate = resource("interruptions-section.md");
  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer html =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  /** Times shown in UTC. */
  public ReportRenderer() {
    this(ZoneId.of("UTC"));
  }

  /** @param zone the zone Start and End are shown in (the cluster's, usually) */
  public ReportRenderer(ZoneId zone) {
    this.zone = zone;
  }

  /** The percentage string reports show for a 0–1 fraction: {@code 42.5 %}. */
  public static String percent(Double fraction) {
    return ReportFormat.percent(fraction);
  }

  public RenderedReport render(ReportInput input) {
    String markdown = fill(input, ReportFormat::markdownText);
    String subject = subject(input.job().jobId(), input.accounting());
    return new RenderedReport(
        subject, markdown, fill(input, ReportFormat::plainText), htmlPage(subject, markdown));
  }

  /** The report text, with every value from outside passed through {@code outside}. */
  private String fill(ReportInput input, UnaryOperator<String> outside) {
    JobAccounting a = input.accounting();
    Map<String, String> values = new HashMap<>();
    values.put("jobId", Long.toString(input.job().jobId()));
    values.put("jobName", a.jobName() == null ? "unnamed" : outside.apply(a.jobName()));
    values.put("cluster", outside.apply(input.job().cluster()));
    values.put("state", outside.apply(state(a)));
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
    values.put(
        "burstSection", instancesSection(input.launched(), outside) + costSection(input)
            + InterruptionsSection.markdown(interruptionsTemplate, input, outside, zone)
            + (input.analysis() == null ? "" : AnalysisSection.markdown(input.analysis(), outside)));
    return substitute(jobTemplate, values);
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

  private String htmlPage(String subject, String markdown) {
    Node document = parser.parse(markdown);
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + StringEscapeUtils.escapeHtml4(subject)
        + "</title><style>table{border-collapse:collapse}"
        + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head>\n<body>\n"
        + html.render(document)
        + "</body></html>\n";
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
