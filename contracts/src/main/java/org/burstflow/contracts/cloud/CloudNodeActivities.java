package org.burstflow.contracts.cloud;

import io.temporal.activity.ActivityInterface;

/** EC2 instances behind Slurm's cloud nodes. */
@ActivityInterface(namePrefix = "Ec2_")
public interface CloudNodeActivities {

  /**
   * One {@code CreateFleet} (type instant) for all nodes of the request: all N instances or none.
   * On a shortfall every instance of the attempt is terminated and {@code InsufficientCapacity}
   * is thrown. Idempotent: a retry finds the attempt's instances by tag instead of launching again.
   */
  LaunchedNodes launchNodes(LaunchRequest request);

  /**
   * Compensation of {@link #launchNodes}: terminates every instance of that attempt, found by its
   * WorkflowId and Attempt tags (instances of a timed-out call may not carry node tags yet) and
   * by its nodes. Harmless when the attempt launched nothing.
   */
  TerminationResult terminateLaunch(LaunchRequest request);

  /** Terminates every managed instance tagged with one of the nodes; harmless if none run. */
  TerminationResult terminateNodes(TerminateRequest request);
}
