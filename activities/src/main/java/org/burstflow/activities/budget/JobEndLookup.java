package org.burstflow.activities.budget;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.slurm.JobAccounting;

/** Where recovery learns whether a job has ended: sacct in production ({@link SacctJobEndLookup}). */
public interface JobEndLookup {

  /** What the accounting database says about a job. */
  sealed interface JobEnd {}

  /** sacct has no record of the job. */
  record Unknown() implements JobEnd {}

  /** The job is pending or running, or its record is not settled yet. */
  record NotEnded(String state) implements JobEnd {}

  /** The job reached a terminal state; its settled accounting. */
  record Ended(JobAccounting accounting) implements JobEnd {}

  JobEnd lookup(JobKey job);
}
