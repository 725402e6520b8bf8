package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The analysis of one job. Efficiencies are fractions 0–1, null when a figure they need is
 * missing (never 0 in its place).
 *
 * <p>Definitions: CPU efficiency = TotalCPU / (Elapsed × AllocCPUS); memory efficiency = peak
 * memory per node over all steps (MaxRSS, or TRESUsageInTot mem ÷ nodes when larger) / memory
 * requested per node; time efficiency = Elapsed / Timelimit.
 *
 * @param classBasis what the class was decided on, e.g. {@code gpu mean utilisation 0.23}
 * @param gpu null for jobs without GPUs
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobAnalysis(
    String cluster,
    long jobId,
    String user,
    String state,
    Double elapsedSeconds,
    Double cpuEfficiency,
    Double memoryEfficiency,
    Double timeEfficiency,
    GpuUsage gpu,
    EfficiencyClass efficiencyClass,
    String classBasis,
    List<RootCause> causes,
    List<SbatchChange> sbatchDiff,
    Savings savings,
    String scriptHash) {}
