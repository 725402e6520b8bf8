package org.burstflow.contracts;

import java.util.Objects;

/**
 * Identifies one Slurm job across the whole system: every workflow, ledger row, instance tag and
 * report is correlated by it.
 */
public record JobKey(String cluster, long jobId) {

  /** What every lifecycle workflow id starts with. */
  public static final String LIFECYCLE_PREFIX = "job-";

  public JobKey {
    Objects.requireNonNull(cluster, "cluster");
    if (cluster.isBlank() || !cluster.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("cluster name must be [A-Za-z0-9_.-]+, got '" + cluster + "'");
    }
    if (jobId <= 0) {
      throw new IllegalArgumentException("Slurm job id must be positive, got " + jobId);
    }
  }

  /** The lifecycle workflow id, {@code job-<cluster>-<jobid>}: duplicate hook calls dedupe on it. */
  public String lifecycleWorkflowId() {
    return LIFECYCLE_PREFIX + cluster + "-" + jobId;
  }

  @Override
  public String toString() {
    return cluster + ":" + jobId;
  }
}
