package org.burstflow.contracts.budget;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.slurm.SlurmJob;

/** Hold budget for a job about to run on the given partition. */
public record HoldRequest(JobKey job, SlurmJob slurmJob) {}
