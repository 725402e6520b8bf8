package org.burstflow.contracts.cloud;

import io.temporal.activity.ActivityInterface;

/** EC2 instances behind Slurm's cloud nodes. */
@ActivityInterface(namePrefix = "Ec2_")
public interface CloudNodeActivities {

  /**
   * The pools to try for a partition, from its node groups' instance types and subnets, best
   * first; pools that recently ran out of capacity last.
   */
  LaunchPlan planLaunch(String partition, int nodeCount);

  /**
   * One {@code CreateFleet} (type instant, MinTargetCapacity = N, one AZ) for all nodes of the
   * request: all N instances or none. On a shortfall every instance of the attempt is terminated
   * and {@code InsufficientCapacity} is thrown; quota and configuration errors are
   * {@code QuotaExceeded} / {@code BadInput}; throttling is retryable. Idempotent: a retry finds
   * the pool's instances by tag instead of launching again.
   */
  LaunchedNodes launchNodes(LaunchRequest request);

  /**
   * Compensation of {@link #launchNodes}: terminates every instance of that attempt, found by its
   * WorkflowId and Attempt tags (instances of a timed-out call may not carry node tags yet), and
   * waits until EC2 reports them shutting-down or terminated. Harmless when nothing launched.
   */
  TerminationResult terminateLaunch(LaunchRequest request);

  /** Puts a pool at the back of plans for a while after it ran out of capacity. */
  void coolDownPool(LaunchPool pool);

  /** Creates a cluster placement group; harmless if it exists. */
  void createPlacementGroup(String name);

  /** Deletes a placement group; harmless if it is already gone. */
  void deletePlacementGroup(String name);

  /** Every live instance managed by burstflow for this cluster. */
  java.util.List<ManagedInstance> listManagedInstances(String cluster);

  /**
   * Instances of a job that EC2 stopped or terminated on its own (a spot interruption, a host
   * failure: a {@code Server.*} state reason), as EC2 still lists them for a while after. Ones
   * burstflow terminated itself ({@code Client.*}) are not lost. {@code state} carries EC2's
   * state reason.
   */
  java.util.List<ManagedInstance> listLostInstances(String cluster);

  /** Terminates orphans, logging each with its reason; harmless for ones already gone. */
  TerminationResult terminateOrphans(java.util.List<OrphanTermination> orphans);

  /**
   * Terminates every managed instance tagged with one of the nodes; harmless if none run. Deletes
   * the placement groups of jobs whose last instance this was.
   */
  TerminationResult terminateNodes(TerminateRequest request);
}
