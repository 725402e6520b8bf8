package org.burstflow.contracts.slurm;

import java.time.Duration;
import java.time.Instant;

/**
 * One job's settled accounting from sacct, summarised over its allocation line and steps.
 *
 * <p>Definitions (also printed in reports): CPU efficiency = TotalCPU / (Elapsed × AllocCPUS);
 * memory efficiency = peak memory per node over all steps (MaxRSS, or TRESUsageInTot mem ÷ the
 * step's nodes when larger: several tasks per node) / memory requested per node. Efficiencies are
 * fractions 0–1 and null when sacct lacks a figure they need (never 0 in its place).
 */
public record JobAccounting(
    long jobId,
    String jobName,
    String user,
    String account,
    String partition,
    String state,
    String exitCode,
    Instant start,
    Instant end,
    Duration elapsed,
    Duration timeLimit,
    int allocNodes,
    int allocCpus,
    String nodeList,
    Duration totalCpu,
    Long requestedMemoryPerNodeBytes,
    Long peakRssBytes,
    Double cpuEfficiency,
    Double memoryEfficiency) {}
