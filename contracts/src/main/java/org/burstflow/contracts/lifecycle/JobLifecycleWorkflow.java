package org.burstflow.contracts.lifecycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.burstflow.contracts.JobKey;

/**
 * The whole life of one Slurm job: budget hold, node launch, wait for the end, accounting,
 * reconciliation, report. Id {@code job-<cluster>-<jobid>}; always started with
 * signal-with-start so the hooks may arrive in any order, or twice.
 */
@WorkflowInterface
public interface JobLifecycleWorkflow {

  @WorkflowMethod
  JobOutcome run(JobKey job);

  /** ResumeProgram asked for nodes for this job. Repeats for the same nodes are ignored. */
  @SignalMethod
  void nodesResumed(NodesResumed event);

  /** EpilogSlurmctld ran for this job. Only the first one counts. */
  @SignalMethod
  void jobEnded(JobEnded event);

  /**
   * The notice intake (SQS or the node's IMDS watcher) saw a spot notice for one of this job's
   * instances. Repeats for the same instance are ignored.
   */
  @SignalMethod
  void spotInterrupted(SpotInterrupted notice);

  @QueryMethod
  LifecycleStatus status();
}
