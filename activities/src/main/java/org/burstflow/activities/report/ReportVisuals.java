package org.burstflow.activities.report;

import java.util.List;

/**
 * What a report shows besides the figures: its charts, whether the GPUs were AMD (for
 * ROCm-specific lessons), and why there are no charts when there are none.
 *
 * @param chartsMissing null when charts were drawn or none apply
 */
public record ReportVisuals(List<ChartImage> charts, boolean amdGpus, String chartsMissing) {

  public ReportVisuals {
    charts = List.copyOf(charts);
  }

  public static ReportVisuals none() {
    return new ReportVisuals(List.of(), false, null);
  }
}
