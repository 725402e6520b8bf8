package org.burstflow.activities.report;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.analysis.SbatchChange;

/**
 * The report's analysis section (Markdown) from a {@link JobAnalysis}: class, GPU figures or the
 * reason there are none, causes with their evidence, and the advisory sbatch diff. Ready for the
 * job report once {@code ReportInput} carries the analysis; values from outside go through
 * {@code outside} (Markdown escaping or plain text), as in {@link ReportRenderer}.
 */
public final class AnalysisSection {

  private AnalysisSection() {}

  public static String markdown(JobAnalysis a, UnaryOperator<String> outside) {
    StringBuilder sb = new StringBuilder("\n## Analysis\n\n");
    sb.append("**").append(label(a)).append("** — ").append(outside.apply(a.classBasis())).append(".\n\n");
    sb.append("Time efficiency (Elapsed / time limit): ").append(ReportFormat.percent(a.timeEfficiency())).append("\n");
    gpu(sb, a.gpu(), outside);
    if (!a.causes().isEmpty()) {
      sb.append("\n### Likely causes\n\n");
      for (RootCause c : a.causes()) {
        sb.append("- **").append(c.code()).append("** (confidence ")
            .append(String.format(Locale.ROOT, "%.0f %%", c.confidence() * 100)).append("): ")
            .append(outside.apply(c.summary())).append(". Evidence: ");
        sb.append(String.join(", ", c.evidence().entrySet().stream()
            .map(e -> outside.apply(e.getKey() + " = " + e.getValue())).toList())).append(".\n");
      }
    }
    if (!a.sbatchDiff().isEmpty()) {
      sb.append("\n### Suggested request for the next run (advisory)\n\n```\n");
      for (SbatchChange c : a.sbatchDiff()) {
        // inside a code block: nothing to escape but the fence itself
        sb.append(c.line().replace("```", "'''")).append("   # ").append(c.reason().replace("```", "'''")).append('\n');
      }
      sb.append("```\n");
      if (a.savings().coreHours() > 0 || a.savings().gpuHours() > 0) {
        sb.append(String.format(Locale.ROOT, "\nOn this run that would have freed %.1f core-hours and %.1f GPU-hours%s.%n",
            a.savings().coreHours(), a.savings().gpuHours(),
            a.savings().money() == null ? "" : " (" + ReportFormat.money(a.savings().money()) + ")"));
      }
    }
    return sb.toString();
  }

  private static String label(JobAnalysis a) {
    return switch (a.efficiencyClass()) {
      case EFFICIENT -> "Efficient";
      case ACCEPTABLE -> "Acceptable";
      case INEFFICIENT -> "Inefficient";
      case WASTED -> "Wasted";
      case INSUFFICIENT_DATA -> "Not enough data to classify";
    };
  }

  private static void gpu(StringBuilder sb, GpuUsage g, UnaryOperator<String> outside) {
    if (g == null) {
      return;
    }
    if (g.meanUtil() == null) {
      sb.append("\n**No GPU data** for the ").append(g.allocatedGpus()).append(" allocated GPU(s): ")
          .append(outside.apply(g.noDataReason())).append(".\n");
      return;
    }
    sb.append(String.format(Locale.ROOT, "%nGPUs: %d allocated, mean utilisation %s, effective GPUs %.2f, "
            + "idle %s of samples, %.1f GPU-hours wasted (%d samples, confidence %s).%n%n",
        g.allocatedGpus(), ReportFormat.percent(g.meanUtil()), g.effectiveGpus(), ReportFormat.percent(g.idleFraction()),
        g.gpuHoursWasted(), g.samples(), g.confidence().name().toLowerCase(Locale.ROOT)));
    sb.append("| GPU | Mean | p95 | Idle | Peak VRAM |\n|---|---|---|---|---|\n");
    for (PerGpuUsage p : g.perGpu()) {
      sb.append("| ").append(outside.apply(p.gpu())).append(" | ").append(ReportFormat.percent(p.meanUtil()))
          .append(" | ").append(ReportFormat.percent(p.p95Util())).append(" | ")
          .append(ReportFormat.percent(p.idleFraction())).append(" | ").append(ReportFormat.bytes(p.peakVramBytes()))
          .append(" |\n");
    }
    g.confidenceNotes().forEach(n -> sb.append("\nNote: ").append(outside.apply(n)).append(".\n"));
  }
}
