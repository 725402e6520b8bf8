package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One GPU over the job. Utilisations are fractions 0–1 over the samples that had a value; null
 * when none had.
 *
 * @param gpu {@code <host>:<index>}
 * @param samples samples seen for this GPU, with or without a utilisation value
 * @param utilSamples samples that carried a utilisation value
 * @param longestIdleGapSeconds the longest stretch of consecutive samples below 5 %
 * @param gpuHoursWasted Σ (1 − util) · Δt over samples with a value
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerGpuUsage(
    String gpu,
    long samples,
    long utilSamples,
    Double meanUtil,
    Double p95Util,
    Double idleFraction,
    Double longestIdleGapSeconds,
    Double gpuHoursWasted,
    Long peakVramBytes,
    Long vramTotalBytes,
    Double meanPowerW) {}
