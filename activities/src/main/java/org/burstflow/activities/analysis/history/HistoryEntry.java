package org.burstflow.activities.analysis.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** One analysed job as {@code burstflow history} lists it. Efficiencies are fractions 0–1. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryEntry(
    long jobId,
    String jobName,
    String scriptHash,
    String state,
    Instant endTime,
    Double elapsedSeconds,
    Integer allocGpus,
    Double cpuEfficiency,
    Double memoryEfficiency,
    Double timeEfficiency,
    Double gpuMeanUtil,
    Double gpuHoursWasted,
    String efficiencyClass) {}
