package org.burstflow.workflows.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.provisioning.ManualPowerUpWorkflow;
import org.burstflow.contracts.provisioning.NodePartitionActivities;
import org.burstflow.contracts.provisioning.PowerUpRequest;
import org.burstflow.contracts.slurm.NodeAddress;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node powered up without a job: launched through the provisioning child, no job, no hold. */
class ManualPowerUpWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(ManualPowerUpWorkflowImpl.class, NodeProvisioningWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final LaunchPool LARGE = new LaunchPool("g", "c5.large", "subnet-a", "on-demand");
  private static final String ID = "powerup-dev-burst-4-29000000";

  private final CloudNodeActivities cloud = mock(CloudNodeActivities.class, withSettings().withoutAnnotations());
  private final SlurmActivities slurm = mock(SlurmActivities.class, withSettings().withoutAnnotations());
  private final NodePartitionActivities partitions =
      mock(NodePartitionActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void register(TestWorkflowEnvironment env) {
    // the power-up starts its child on the core queue: both workflows and EC2 are served there
    Worker core = env.newWorker(TaskQueues.CORE);
    core.registerWorkflowImplementationTypes(ManualPowerUpWorkflowImpl.class, NodeProvisioningWorkflowImpl.class);
    core.registerActivitiesImplementations(cloud);
    env.newWorker(TaskQueues.SLURM).registerActivitiesImplementations(slurm, partitions);
    when(partitions.partitionOf("burst-4")).thenReturn("cloud");
    when(cloud.planLaunch("cloud", 1)).thenReturn(new LaunchPlan(List.of(LARGE), true));
    when(cloud.terminateLaunch(any())).thenReturn(new TerminationResult(List.of()));
  }

  @Test
  void theNodeIsLaunchedWithoutAJobAndSlurmGetsItsAddress(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any())).thenReturn(new LaunchedNodes(List.of(new LaunchedNode("burst-4", "i-1", "c5.large",
        "us-east-1a", "127.0.1.9", "ip-127-0-1-9", "on-demand", Instant.parse("2026-11-23T07:00:00Z"),
        new BigDecimal("0.085")))));
    env.start();

    LaunchedNodes launched = start(env).powerUp(new PowerUpRequest("dev", "burst-4"));

    assertEquals(List.of("i-1"), launched.instanceIds());
    verify(cloud).launchNodes(argThat(r -> r.job() == null && r.cluster().equals("dev")
        && r.nodes().equals(List.of("burst-4")) && r.workflowId().equals(ID) && r.clientToken().equals(ID + "-1-0")
        && r.placementGroup() == null));
    verify(cloud, never()).createPlacementGroup(any());
    verify(slurm).setNodeAddresses(List.of(new NodeAddress("burst-4", "127.0.1.9", "ip-127-0-1-9")));
  }

  @Test
  void whenNoPoolHasCapacityTheNodeGoesDownWithTheEc2Reason(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "(Code:InsufficientInstanceCapacity)no c5.large", FailureTypes.INSUFFICIENT_CAPACITY));
    env.start();

    assertThrows(WorkflowException.class, () -> start(env).powerUp(new PowerUpRequest("dev", "burst-4")));

    verify(cloud).terminateLaunch(argThat(r -> r.job() == null && r.workflowId().equals(ID)));
    verify(slurm).markNodesDown(eq(List.of("burst-4")),
        argThat(reason -> reason.startsWith("(Code:InsufficientInstanceCapacity)no c5.large")));
    verify(slurm, never()).setNodeAddresses(any());
  }

  @Test
  void aPartitionWithoutNodeGroupsIsTheNodesReason(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.planLaunch("cloud", 1)).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "(Code:NoNodeGroup)no node group is configured for partition 'cloud'", FailureTypes.BAD_INPUT));
    env.start();

    assertThrows(WorkflowException.class, () -> start(env).powerUp(new PowerUpRequest("dev", "burst-4")));

    verify(slurm).markNodesDown(List.of("burst-4"), "(Code:NoNodeGroup)no node group is configured for partition 'cloud'");
  }

  @Test
  void aNodeInNoPartitionGoesDownWithoutALaunch(TestWorkflowEnvironment env, Worker worker) {
    when(partitions.partitionOf("burst-4")).thenThrow(
        ApplicationFailure.newNonRetryableFailure("node burst-4 is in no partition", FailureTypes.BAD_INPUT));
    env.start();

    assertThrows(WorkflowException.class, () -> start(env).powerUp(new PowerUpRequest("dev", "burst-4")));

    verify(slurm).markNodesDown(List.of("burst-4"), "(Code:BadInput)node burst-4 is in no partition");
    verify(cloud, never()).launchNodes(any());
  }

  private static ManualPowerUpWorkflow start(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().newWorkflowStub(ManualPowerUpWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(ID).setTaskQueue(TaskQueues.CORE).build());
  }
}
