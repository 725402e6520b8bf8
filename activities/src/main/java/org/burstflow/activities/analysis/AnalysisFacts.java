package org.burstflow.activities.analysis;

import java.time.Duration;
import java.util.List;
import org.burstflow.activities.analysis.GpuUsageCalculator.StallEvidence;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Everything the rules and the right-sizer read about one job, with the derived figures they
 * share computed once.
 *
 * @param gpu null for a job without GPUs
 */
record AnalysisFacts(
    JobAccounting accounting,
    GpuUsage gpu,
    List<StallEvidence> stalls,
    List<PastRun> history,
    AnalysisSettings settings) {

  double elapsedSeconds() {
    Duration e = accounting.elapsed();
    return e == null ? 0 : e.toMillis() / 1000.0;
  }

  Double timeEfficiency() {
    Duration e = accounting.elapsed();
    Duration limit = accounting.timeLimit();
    if (e == null || limit == null || limit.isZero()) {
      return null;
    }
    return Math.min(1.0, (double) e.toMillis() / limit.toMillis());
  }

  boolean hasGpuUtil() {
    return gpu != null && gpu.meanUtil() != null;
  }

  /** GPUs whose mean utilisation reaches the busy threshold. */
  List<PerGpuUsage> busyGpus() {
    return gpu == null ? List.of() : gpu.perGpu().stream()
        .filter(g -> g.meanUtil() != null && g.meanUtil() >= settings.busyUtilFraction()).toList();
  }

  List<PerGpuUsage> gpusWithUtil() {
    return gpu == null ? List.of() : gpu.perGpu().stream().filter(g -> g.meanUtil() != null).toList();
  }

  String state() {
    return accounting.state() == null ? "UNKNOWN" : accounting.state();
  }
}
