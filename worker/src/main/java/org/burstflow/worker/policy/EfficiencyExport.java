package org.burstflow.worker.policy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.worker.portal.EfficiencySummary;
import org.burstflow.worker.portal.PortalRows.Analysed;

/**
 * Per-user and per-project efficiency scores and waste over a window, for quota and priority
 * decisions made by people (read-only; nothing here acts on them).
 */
public final class EfficiencyExport {

  /** One line of the export; efficiencies are fractions 0–1, null when nothing was measured. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Line(
      String scope, String name, int jobs, int gpuJobs, int efficient, int acceptable, int inefficient, int wasted,
      int insufficientData, Double score, Double medianGpuUtil, Double meanCpuEfficiency, double gpuHoursWasted,
      boolean flagged) {

    static Line of(String scope, String name, EfficiencySummary s, boolean flagged) {
      return new Line(scope, name, s.jobs(), s.gpuJobs(), s.count(EfficiencyClass.EFFICIENT),
          s.count(EfficiencyClass.ACCEPTABLE), s.count(EfficiencyClass.INEFFICIENT), s.count(EfficiencyClass.WASTED),
          s.count(EfficiencyClass.INSUFFICIENT_DATA), s.score(), s.medianGpuUtil(), s.meanCpuEfficiency(),
          s.gpuHoursWasted(), flagged);
    }
  }

  static final List<String> CSV_HEADER = List.of("scope", "name", "jobs", "gpu_jobs", "efficient", "acceptable",
      "inefficient", "wasted", "insufficient_data", "score", "median_gpu_util", "mean_cpu_efficiency",
      "gpu_hours_wasted", "flagged");

  /** Users first, then projects, each by name. {@code flaggedUsers}: users the escalation rule flags. */
  public static List<Line> of(List<Analysed> jobs, Set<String> flaggedUsers) {
    List<Line> lines = new ArrayList<>();
    group(jobs, Analysed::user).forEach((user, own) ->
        lines.add(Line.of("user", user, EfficiencySummary.of(own), flaggedUsers.contains(user))));
    group(jobs, Analysed::account).forEach((account, own) ->
        lines.add(Line.of("project", account, EfficiencySummary.of(own), false)));
    return lines;
  }

  public static String csv(List<Line> lines) {
    StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
    for (Line l : lines) {
      out.append(String.join(",", field(l.scope()), field(l.name()), num(l.jobs()), num(l.gpuJobs()),
          num(l.efficient()), num(l.acceptable()), num(l.inefficient()), num(l.wasted()), num(l.insufficientData()),
          fraction(l.score()), fraction(l.medianGpuUtil()), fraction(l.meanCpuEfficiency()),
          String.format(java.util.Locale.ROOT, "%.3f", l.gpuHoursWasted()), Boolean.toString(l.flagged())))
          .append("\r\n");
    }
    return out.toString();
  }

  private static Map<String, List<Analysed>> group(List<Analysed> jobs,
      java.util.function.Function<Analysed, String> key) {
    return jobs.stream().filter(a -> key.apply(a) != null)
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
  }

  /** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet shows it rather than runs it. */
  static String field(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.matches("[A-Za-z0-9._' -]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static String num(int n) {
    return Integer.toString(n);
  }

  private static String fraction(Double f) {
    return f == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", f);
  }

  private EfficiencyExport() {}
}
