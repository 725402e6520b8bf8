package org.burstflow.activities.analysis;

import java.util.List;
import org.burstflow.contracts.analysis.PerGpuUsage;

/**
 * AMD's {@code gpu_busy_percent} can sit at ~100 % while a context is resident but idle. When the
 * same job has an idle GPU, its power is the idle floor; a "busy" GPU drawing no more than that
 * floor (+15 %) is not doing work, and the utilisation figures are not trusted.
 */
final class PinnedBusyCheck {

  private static final double BUSY = 0.80;
  private static final double FLOOR_MARGIN = 1.15;

  private PinnedBusyCheck() {}

  static boolean suspect(List<PerGpuUsage> gpus, AnalysisSettings settings) {
    double idleFloor = gpus.stream()
        .filter(g -> g.meanPowerW() != null && g.meanUtil() * 100 < settings.idleUtilPct())
        .mapToDouble(PerGpuUsage::meanPowerW).min().orElse(Double.NaN);
    if (Double.isNaN(idleFloor)) {
      return false;
    }
    return gpus.stream().anyMatch(g -> g.meanPowerW() != null && g.meanUtil() >= BUSY
        && g.meanPowerW() <= idleFloor * FLOOR_MARGIN);
  }
}
