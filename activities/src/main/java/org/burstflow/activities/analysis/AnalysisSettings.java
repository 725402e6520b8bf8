package org.burstflow.activities.analysis;

import java.math.BigDecimal;

/**
 * The analysis thresholds a site may tune. {@link #defaults()} are the values argued for in
 * efficiency-anchors.md (jobstats' idle and minimum-runtime practice, LUMI's billing).
 *
 * @param minSamplesPerGpu fewer utilisation samples per GPU than this is insufficient data
 * @param minRuntimeSeconds a shorter run is insufficient data (start-up dominates it)
 * @param idleUtilPct a sample below this utilisation counts as idle
 * @param busyUtilFraction a GPU whose mean is at least this is "busy" for overscaling rules
 * @param gpuBillingFactor billed GPU-hours per GPU-hour (LUMI: 0.5, a GCD is half a GPU-hour)
 * @param gpuHourPrice price of one billed GPU-hour; null = no money figure
 * @param coreHourPrice price of one core-hour; null = no money figure
 */
public record AnalysisSettings(
    int minSamplesPerGpu,
    double minRuntimeSeconds,
    double idleUtilPct,
    double busyUtilFraction,
    double gpuBillingFactor,
    BigDecimal gpuHourPrice,
    BigDecimal coreHourPrice,
    String currency) {

  public static AnalysisSettings defaults() {
    return new AnalysisSettings(10, 60, 5.0, 0.30, 1.0, null, null, null);
  }
}
