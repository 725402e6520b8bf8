package org.burstflow.contracts.budget;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Charge what the job actually cost. {@code launched} is null for jobs that ran on local nodes.
 */
public record ReconcileRequest(JobKey job, JobAccounting accounting, LaunchedNodes launched) {}
