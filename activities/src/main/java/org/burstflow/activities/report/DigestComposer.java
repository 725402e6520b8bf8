package org.burstflow.activities.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.text.StringEscapeUtils;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The e-mail for several reports of one user: one line per job, then each finding once with how
 * many jobs it concerns and its lesson (a finding repeated over an array is explained once, not
 * twenty times). The full reports, with charts, are in the portal.
 */
public final class DigestComposer {

  /** Longer digests list this many jobs and point to the portal for the rest. */
  static final int MAX_LINES = 100;
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

  private final CauseLessons lessons;
  private final PreferenceLinks links;
  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer html =
      HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

  /** @param links null: no links to the portal's report pages */
  public DigestComposer(CauseLessons lessons, PreferenceLinks links) {
    this.lessons = lessons;
    this.links = links;
  }

  public record Composed(String subject, String text, String html) {}

  public Composed compose(String cluster, List<DigestEntry> entries) {
    String subject = subject(cluster, entries);
    String markdown = body(cluster, entries, ReportFormat::markdownText, true);
    String text = body(cluster, entries, ReportFormat::plainText, false);
    String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
        + StringEscapeUtils.escapeHtml4(subject)
        + "</title><style>body{font-family:sans-serif;max-width:60em}table{border-collapse:collapse}"
        + "th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head>\n<body>\n"
        + html.render(parser.parse(markdown)) + "</body></html>\n";
    return new Composed(subject, text, page);
  }

  static String subject(String cluster, List<DigestEntry> entries) {
    return ("[burstflow] " + entries.size() + " job reports on " + cluster + ": " + classCounts(entries))
        .replaceAll("\\p{Cntrl}", " ");
  }

  private static String classCounts(List<DigestEntry> entries) {
    Map<String, Long> counts = entries.stream().collect(Collectors.groupingBy(
        e -> e.efficiencyClass() == null ? "not analysed" : label(e.efficiencyClass()), TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
  }

  private String body(String cluster, List<DigestEntry> entries, java.util.function.UnaryOperator<String> outside,
      boolean markdown) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(entries.size()).append(" job reports on ").append(outside.apply(cluster)).append("\n\n");
    sb.append("Efficiency classes: ").append(classCounts(entries)).append(".");
    double wasted = entries.stream().map(DigestEntry::gpuHoursWasted).filter(w -> w != null).mapToDouble(Double::doubleValue).sum();
    if (entries.stream().anyMatch(e -> e.gpuHoursWasted() != null)) {
      sb.append(String.format(java.util.Locale.ROOT, " GPU-hours not used by the work: %.1f in total.", wasted));
    }
    sb.append("\n\n| Job | Name | State | Class | Elapsed | CPU | GPU mean |\n|---|---|---|---|---|---|---|\n");
    for (DigestEntry e : entries.subList(0, Math.min(MAX_LINES, entries.size()))) {
      String job = Long.toString(e.jobId());
      if (markdown && links != null) {
        job = "[" + job + "](" + links.reportUrl(cluster, e.jobId()) + ")";
      }
      sb.append("| ").append(job).append(" | ").append(e.jobName() == null ? "" : outside.apply(e.jobName()))
          .append(" | ").append(e.state() == null ? "" : outside.apply(e.state()))
          .append(" | ").append(e.efficiencyClass() == null ? "not analysed" : label(e.efficiencyClass()))
          .append(" | ").append(e.elapsedSeconds() == null ? ReportFormat.NOT_AVAILABLE
              : ReportFormat.duration(Duration.ofMillis(Math.round(e.elapsedSeconds() * 1000))))
          .append(" | ").append(ReportFormat.percent(e.cpuEfficiency()))
          .append(" | ").append(e.gpuMeanUtil() == null ? "—" : ReportFormat.percent(e.gpuMeanUtil()))
          .append(" |\n");
    }
    if (entries.size() > MAX_LINES) {
      sb.append("\n").append(entries.size() - MAX_LINES).append(" more jobs are listed in the portal.\n");
    }
    Map<String, List<Long>> byCause = new LinkedHashMap<>();
    entries.forEach(e -> e.causeCodes().forEach(c -> byCause.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(e.jobId())));
    if (!byCause.isEmpty()) {
      sb.append("\n## What we noticed\n\n");
      byCause.forEach((code, jobs) -> {
        sb.append("- **").append(outside.apply(lessons.title(code))).append("** in ").append(jobs.size())
            .append(" of ").append(entries.size()).append(" jobs (")
            .append(jobs.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", ")))
            .append(jobs.size() > 10 ? ", …" : "").append(").");
        CauseLessons.Lesson lesson = lessons.lesson(code, false);
        if (lesson != null && lesson.text() != null) {
          sb.append(' ').append(outside.apply(lesson.text()));
        }
        if (lesson != null && lesson.link() != null) {
          sb.append(" More: <").append(lesson.link()).append('>');
        }
        sb.append('\n');
      });
    }
    sb.append("\nEach job's full report, with its numbers, charts and suggested request, is in the portal");
    sb.append(links == null ? ".\n" : ": " + (markdown ? "<" + links.portalUrl() + ">" : links.portalUrl()) + ".\n");
    return sb.toString();
  }

  private static String label(String efficiencyClass) {
    return switch (efficiencyClass) {
      case "EFFICIENT" -> "Efficient";
      case "ACCEPTABLE" -> "Acceptable";
      case "INEFFICIENT" -> "Inefficient";
      case "WASTED" -> "Wasted";
      case "INSUFFICIENT_DATA" -> "Not enough data";
      default -> efficiencyClass;
    };
  }
}
