package org.burstflow.contracts;

/**
 * Task queue names. Slurm activities run only where Slurm's client commands and config are
 * (the controller or a login node); everything else can run on any number of core workers.
 */
public final class TaskQueues {
  /** Workflows, EC2, ledger, analysis, report and mail activities. */
  public static final String CORE = "burstflow-core";
  /** Activities that shell out to scontrol / sacct / squeue. */
  public static final String SLURM = "burstflow-slurm";

  private TaskQueues() {}
}
