package org.burstflow.contracts.analysis;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * What the analysis activity needs from the lifecycle.
 *
 * @param accounting the settled sacct summary (Slurm activities' {@code collectAccounting})
 * @param allocatedGpus GPUs in the job's AllocTRES; null when unknown (then the GPUs seen in the
 *     spooled samples count)
 * @param scriptHash hash of the batch script, for the history of the same script; null = the
 *     job name stands in for it ({@code job-name:<name>})
 */
public record AnalysisRequest(
    JobKey job, JobAccounting accounting, Integer allocatedGpus, String scriptHash) {}
