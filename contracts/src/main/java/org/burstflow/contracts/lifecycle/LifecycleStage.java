package org.burstflow.contracts.lifecycle;

/** Where a job's lifecycle is; shown by the {@code status} query and the CLI. */
public enum LifecycleStage {
  WAITING_FOR_HOOKS,
  HOLDING_BUDGET,
  LAUNCHING_NODES,
  RUNNING,
  COLLECTING_ACCOUNTING,
  RECONCILING,
  ANALYSING,
  /** Writing the performance feedback file and the job's aws_meta AdminComment (burst jobs). */
  EXPORTING,
  REPORTING,
  COMPLETED,
  FAILED
}
