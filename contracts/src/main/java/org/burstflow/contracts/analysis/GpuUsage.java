package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A GPU job's GPU usage. When there is no GPU data at all every figure is null and
 * {@link #noDataReason} says why (no tool on the node, sampler not installed, …).
 *
 * @param allocatedGpus GPUs the job had (AllocTRES gres/gpu), or the GPUs seen when unknown
 * @param meanUtil unweighted mean of the per-GPU mean utilisations, fraction 0–1
 * @param p95Util 95th percentile over all utilisation samples of all GPUs
 * @param effectiveGpus Σ per-GPU mean utilisation: how many GPUs' worth of work was done
 * @param idleFraction share of samples below 5 % utilisation
 * @param imbalance (max − min) / max of the per-GPU means; 0 = even, 1 = some GPU did nothing
 * @param gpuHoursWasted Σ (1 − util) · Δt, in GPU-hours
 * @param billedGpuHoursWasted the same in the site's billing unit (LUMI: 0.5 per GCD-hour)
 * @param peakVramFraction highest VRAM used on any GPU over that GPU's capacity
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GpuUsage(
    int allocatedGpus,
    int gpusWithData,
    long samples,
    Double meanUtil,
    Double p95Util,
    Double effectiveGpus,
    Double idleFraction,
    Double longestIdleGapSeconds,
    Double imbalance,
    Double gpuHoursWasted,
    Double billedGpuHoursWasted,
    Long peakVramBytes,
    Long vramCapacityBytes,
    Double peakVramFraction,
    Confidence confidence,
    List<String> confidenceNotes,
    String noDataReason,
    List<PerGpuUsage> perGpu) {}
