package org.burstflow.workflows.provisioning;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.provisioning.NodeProvisioningWorkflow;
import org.burstflow.contracts.provisioning.ProvisioningRequest;
import org.burstflow.workflows.common.ActivityFailures;
import org.burstflow.workflows.common.ActivityPolicies;
import org.slf4j.Logger;

/**
 * All of a job's nodes from one pool, or none. Pools are tried in the plan's order:
 *
 * <ul>
 *   <li>capacity shortfall (partial fleet, InsufficientInstanceCapacity): the pool's instances
 *       are terminated, the pool cools down, the next pool is tried;
 *   <li>throttling: retried with backoff by the activity's retry policy, never counted as
 *       capacity;
 *   <li>quota, permissions, bad configuration: fail at once, no loop.
 * </ul>
 *
 * As in the booking saga, each compensation is registered before its action, so a launch of
 * unknown outcome (a timeout, a crashed worker) is cleaned up too. Compensations retry until EC2
 * confirms.
 */
public class NodeProvisioningWorkflowImpl implements NodeProvisioningWorkflow {

  private static final Logger log = Workflow.getLogger(NodeProvisioningWorkflowImpl.class);

  private final CloudNodeActivities cloud =
      Workflow.newActivityStub(
          CloudNodeActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TaskQueues.CORE)
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofSeconds(30))
                      .setMaximumAttempts(6)
                      .setDoNotRetry(
                          FailureTypes.INSUFFICIENT_CAPACITY,
                          FailureTypes.QUOTA_EXCEEDED,
                          FailureTypes.BAD_INPUT)
                      .build())
              .build());

  /** Compensations: retried without limit, an instance left running is money lost. */
  private final CloudNodeActivities compensation =
      Workflow.newActivityStub(CloudNodeActivities.class, ActivityPolicies.coreUntilDone(Duration.ofMinutes(3)));

  @Override
  public LaunchedNodes provision(ProvisioningRequest request) {
    LaunchPlan plan = withPurchasing(
        cloud.planLaunch(request.partition(), request.nodes().size()), request.purchasingOverride());
    // a placement group is a job's (MPI gang); nodes powered up without a job get none
    String placementGroup = plan.placementGroup() && request.nodes().size() > 1 && request.job() != null
        ? request.placementGroupName() : null;
    Saga placement = new Saga(new Saga.Options.Builder().build());
    List<String> failures = new ArrayList<>();
    try {
      if (placementGroup != null) {
        placement.addCompensation(compensation::deletePlacementGroup, placementGroup);
        cloud.createPlacementGroup(placementGroup);
      }
      for (int i = 0; i < plan.pools().size(); i++) {
        LaunchPool pool = plan.pools().get(i);
        LaunchRequest launch =
            new LaunchRequest(request.job(), request.lifecycleWorkflowId(), request.attempt(), i,
                request.partition(), request.nodes(), pool, placementGroup, request.cluster());
        Saga poolLaunch = new Saga(new Saga.Options.Builder().build());
        try {
          poolLaunch.addCompensation(compensation::terminateLaunch, launch);
          return cloud.launchNodes(launch);
        } catch (ActivityFailure e) {
          Workflow.newDetachedCancellationScope(poolLaunch::compensate).run();
          String type = ActivityFailures.typeOf(e, "Unknown");
          failures.add(pool.label() + ": " + ActivityFailures.messageOf(e));
          log.warn("{} pool {} failed ({}): {}", request.lifecycleWorkflowId(), pool.label(), type,
              ActivityFailures.messageOf(e));
          if (FailureTypes.QUOTA_EXCEEDED.equals(type) || FailureTypes.BAD_INPUT.equals(type)) {
            throw ApplicationFailure.newNonRetryableFailure(ActivityFailures.messageOf(e), type);
          }
          if (FailureTypes.INSUFFICIENT_CAPACITY.equals(type)) {
            cloud.coolDownPool(pool);
          }
        }
      }
      throw ApplicationFailure.newNonRetryableFailure(
          lastReason(failures, plan), FailureTypes.INSUFFICIENT_CAPACITY);
    } catch (ApplicationFailure | ActivityFailure e) {
      Workflow.newDetachedCancellationScope(placement::compensate).run();
      throw e;
    }
  }

  /**
   * The plan with every pool bought as {@code override} (on-demand after repeated spot
   * interruptions); pools that become equal are tried once.
   */
  private static LaunchPlan withPurchasing(LaunchPlan plan, String override) {
    if (override == null) {
      return plan;
    }
    List<LaunchPool> pools = plan.pools().stream()
        .map(p -> new LaunchPool(p.nodeGroup(), p.instanceType(), p.subnetId(), override))
        .distinct()
        .toList();
    return new LaunchPlan(pools, plan.placementGroup());
  }

  /** The last pool's error, in Slurm reason form, with how many pools were tried. */
  private static String lastReason(List<String> failures, LaunchPlan plan) {
    if (failures.isEmpty()) {
      return "(Code:NoLaunchPool)no pool is configured for this partition";
    }
    String last = failures.get(failures.size() - 1);
    String reason = last.substring(last.indexOf(": ") + 2);
    return reason + " [all " + plan.pools().size() + " pools failed]";
  }

}
