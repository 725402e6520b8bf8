package org.burstflow.activities.report;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.analysis.SbatchChange;

/**
 * The report's analysis parts (Markdown) from a {@link JobAnalysis}: the class, the GPU figures
 * or the reason there are none, what was noticed with the numbers behind it and a short lesson,
 * and the advisory sbatch diff with its savings. Values from outside go through {@code outside}
 * (Markdown escaping or plain text), as in {@link ReportRenderer}. The wording describes the job,
 * never the person: findings, not faults.
 */
public final class AnalysisSection {

  private AnalysisSection() {}

  /** One line for the top of the report. */
  public static String headline(JobAnalysis a, UnaryOperator<String> outside) {
    return "Efficiency class: **" + label(a) + "** (" + outside.apply(a.classBasis()) + ").";
  }

  /** GPU figures under "Observed usage", or why there are none; empty for CPU-only jobs. */
  public static String gpuUsage(GpuUsage g, UnaryOperator<String> outside) {
    if (g == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    if (g.meanUtil() == null) {
      sb.append("\n**No GPU data** for the ").append(g.allocatedGpus()).append(" allocated GPU(s): ")
          .append(outside.apply(g.noDataReason())).append(".\n");
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "%nGPUs: %d allocated, mean utilisation %s, effective GPUs %.2f, "
            + "idle %s of samples, %.1f GPU-hours wasted (%d samples, confidence %s).%n%n",
        g.allocatedGpus(), ReportFormat.percent(g.meanUtil()), g.effectiveGpus(), ReportFormat.percent(g.idleFraction()),
        g.gpuHoursWasted(), g.samples(), g.confidence().name().toLowerCase(Locale.ROOT)));
    sb.append("| GPU | Mean | p95 | Idle | Peak VRAM | Capacity |\n|---|---|---|---|---|---|\n");
    for (PerGpuUsage p : g.perGpu()) {
      sb.append("| ").append(outside.apply(p.gpu())).append(" | ").append(ReportFormat.percent(p.meanUtil()))
          .append(" | ").append(ReportFormat.percent(p.p95Util())).append(" | ")
          .append(ReportFormat.percent(p.idleFraction())).append(" | ").append(ReportFormat.bytes(p.peakVramBytes()))
          .append(" | ").append(ReportFormat.bytes(p.vramTotalBytes())).append(" |\n");
    }
    g.confidenceNotes().forEach(n -> sb.append("\nNote: ").append(outside.apply(n)).append(".\n"));
    return sb.toString();
  }

  /** Efficiency class, what was noticed (with lessons), and recommendations. */
  public static String sections(JobAnalysis a, UnaryOperator<String> outside, CauseLessons lessons, boolean amd) {
    StringBuilder sb = new StringBuilder("\n## Efficiency class\n\n");
    sb.append("**").append(label(a)).append("**, decided on ").append(outside.apply(a.classBasis())).append(".\n");
    causes(sb, a, outside, lessons, amd);
    recommendations(sb, a);
    return sb.toString();
  }

  private static void causes(StringBuilder sb, JobAnalysis a, UnaryOperator<String> outside,
      CauseLessons lessons, boolean amd) {
    sb.append("\n## What we noticed\n\n");
    if (a.causes().isEmpty()) {
      sb.append("Nothing that would change how this job is requested.\n");
      return;
    }
    for (RootCause c : a.causes()) {
      sb.append("- **").append(outside.apply(lessons.title(c.code()))).append("**: ")
          .append(outside.apply(c.summary())).append(". The numbers: ")
          .append(String.join(", ", c.evidence().entrySet().stream()
              .map(e -> outside.apply(e.getKey() + " = " + e.getValue())).toList()))
          .append(String.format(Locale.ROOT, " (confidence %.0f %%).", c.confidence() * 100)).append('\n');
      CauseLessons.Lesson lesson = lessons.lesson(c.code(), amd);
      if (lesson != null) {
        sb.append("  ");
        if (lesson.text() != null) {
          sb.append(outside.apply(lesson.text())).append(' ');
        }
        if (lesson.link() != null) {
          sb.append("More: <").append(lesson.link().replace(">", "%3E").replace(" ", "%20")).append('>');
        }
        sb.append('\n');
      }
    }
  }

  private static void recommendations(StringBuilder sb, JobAnalysis a) {
    sb.append("\n## Recommendations\n\n");
    if (a.sbatchDiff().isEmpty()) {
      sb.append("No change to the request is suggested.\n");
      return;
    }
    sb.append("For the next run of this script (advisory; the numbers come from this run):\n\n```diff\n");
    for (SbatchChange c : a.sbatchDiff()) {
      // inside a code block: nothing to escape but the fence itself
      sb.append(fenced("# " + c.reason())).append('\n');
      if (c.from() != null) {
        sb.append(fenced("-#SBATCH " + c.option() + "=" + c.from())).append('\n');
      }
      sb.append(fenced("+#SBATCH " + c.option() + "=" + c.to())).append('\n');
    }
    sb.append("```\n");
    if (a.savings().coreHours() > 0 || a.savings().gpuHours() > 0) {
      sb.append(String.format(Locale.ROOT, "%nEstimated savings on a run like this one: %.1f core-hours and %.1f GPU-hours%s.%n",
          a.savings().coreHours(), a.savings().gpuHours(),
          a.savings().money() == null ? ""
              : " (" + a.savings().money().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " "
                  + a.savings().currency() + ")"));
    }
  }

  private static String fenced(String line) {
    return line.replace("```", "'''").replaceAll("[\\r\\n]+", " ");
  }

  static String label(JobAnalysis a) {
    return switch (a.efficiencyClass()) {
      case EFFICIENT -> "Efficient";
      case ACCEPTABLE -> "Acceptable";
      case INEFFICIENT -> "Inefficient";
      case WASTED -> "Wasted";
      case INSUFFICIENT_DATA -> "Not enough data to classify";
    };
  }
}
