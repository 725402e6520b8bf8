package org.burstflow.contracts.sweep;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Finds and terminates instances burstflow launched that no Slurm node needs any more: their
 * node is powered down or unknown to Slurm, or they outlived the maximum lifetime. One per
 * cluster, id {@code orphan-sweep-<cluster>}, running forever (continue-as-new).
 */
@WorkflowInterface
public interface OrphanSweepWorkflow {

  @WorkflowMethod
  void sweep(SweepSettings settings);

  /** Run a pass now instead of at the end of the interval. */
  @SignalMethod
  void sweepNow();

  /** Terminations of the current run, newest last, for operators. */
  @QueryMethod
  SweepStatus status();

  static String workflowId(String cluster) {
    return "orphan-sweep-" + cluster;
  }
}
