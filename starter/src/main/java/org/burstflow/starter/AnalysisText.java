package org.burstflow.starter;

import java.util.Locale;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.analysis.SbatchChange;

/** The readable summary of one analysis, for a terminal. */
final class AnalysisText {

  private AnalysisText() {}

  static String render(JobAnalysis a) {
    StringBuilder sb = new StringBuilder();
    sb.append("Job ").append(a.jobId()).append(" (").append(a.cluster()).append(") ").append(a.state())
        .append(", ").append(a.elapsedSeconds() == null ? "unknown runtime" : hours(a.elapsedSeconds() / 3600)).append('\n');
    sb.append("  class:             ").append(a.efficiencyClass()).append(" (").append(a.classBasis()).append(")\n");
    sb.append("  CPU efficiency:    ").append(pct(a.cpuEfficiency())).append("  TotalCPU / (Elapsed × AllocCPUS)\n");
    sb.append("  memory efficiency: ").append(pct(a.memoryEfficiency())).append("  peak MaxRSS / requested per node\n");
    sb.append("  time efficiency:   ").append(pct(a.timeEfficiency())).append("  Elapsed / Timelimit\n");
    GpuUsage g = a.gpu();
    if (g != null) {
      if (g.meanUtil() == null) {
        sb.append("  GPUs:              ").append(g.allocatedGpus()).append(" allocated, no GPU data: ")
            .append(g.noDataReason()).append('\n');
      } else {
        sb.append(String.format(Locale.ROOT,
            "  GPUs:              %d allocated, %d with data, %d samples, confidence %s%n"
                + "  GPU utilisation:   mean %s, p95 %s, effective GPUs %.2f, idle %s, longest idle %s s%n"
                + "  GPU waste:         %.2f GPU-hours (%.2f billed), imbalance %s, peak VRAM %s of capacity%n",
            g.allocatedGpus(), g.gpusWithData(), g.samples(), g.confidence(), pct(g.meanUtil()), pct(g.p95Util()),
            g.effectiveGpus(), pct(g.idleFraction()), num(g.longestIdleGapSeconds()), g.gpuHoursWasted(),
            g.billedGpuHoursWasted(), pct(g.imbalance()), pct(g.peakVramFraction())));
        for (PerGpuUsage p : g.perGpu()) {
          sb.append(String.format(Locale.ROOT, "    %-14s mean %7s  p95 %7s  idle %7s  samples %d%n",
              p.gpu(), pct(p.meanUtil()), pct(p.p95Util()), pct(p.idleFraction()), p.utilSamples()));
        }
        g.confidenceNotes().forEach(n -> sb.append("    note: ").append(n).append('\n'));
      }
    }
    if (!a.causes().isEmpty()) {
      sb.append("  causes:\n");
      for (RootCause c : a.causes()) {
        sb.append(String.format(Locale.ROOT, "    %-24s %.2f  %s%n      %s%n", c.code(), c.confidence(), c.summary(),
            c.evidence()));
      }
    }
    if (!a.sbatchDiff().isEmpty()) {
      sb.append("  sbatch (advisory):\n");
      for (SbatchChange c : a.sbatchDiff()) {
        sb.append("    ").append(c.line()).append("   # ").append(c.reason()).append('\n');
      }
      if (a.savings().coreHours() > 0 || a.savings().gpuHours() > 0) {
        sb.append(String.format(Locale.ROOT, "    would have saved %.2f core-hours, %.2f GPU-hours%s%n",
            a.savings().coreHours(), a.savings().gpuHours(),
            a.savings().money() == null ? "" : ", " + a.savings().money() + " " + a.savings().currency()));
      }
    }
    return sb.toString();
  }

  private static String pct(Double f) {
    return f == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", f * 100);
  }

  private static String num(Double v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String hours(double h) {
    return String.format(Locale.ROOT, "%.2f h", h);
  }
}
