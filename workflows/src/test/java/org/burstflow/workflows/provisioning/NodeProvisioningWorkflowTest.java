package org.burstflow.workflows.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
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
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.provisioning.NodeProvisioningWorkflow;
import org.burstflow.contracts.provisioning.ProvisioningRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/** Every branch of the gang-provisioning saga, with time skipping and mocked EC2 activities. */
class NodeProvisioningWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(NodeProvisioningWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final JobKey JOB = new JobKey("dev", 7);
  private static final List<String> NODES = List.of("burst-1", "burst-2");
  private static final LaunchPool LARGE = new LaunchPool("g", "c5.large", "subnet-a", "spot");
  private static final LaunchPool XLARGE = new LaunchPool("g", "c5.xlarge", "subnet-a", "spot");

  private final CloudNodeActivities cloud = mock(CloudNodeActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void register(TestWorkflowEnvironment env) {
    env.newWorker(TaskQueues.CORE).registerActivitiesImplementations(cloud);
    when(cloud.terminateLaunch(any())).thenReturn(new TerminationResult(List.of()));
    when(cloud.planLaunch("cloud", 2)).thenReturn(new LaunchPlan(List.of(LARGE, XLARGE), true));
  }

  @Test
  void capacityShortfallFailsOverToTheNextPoolAfterCleaningUp(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(argThat(r -> r != null && r.pool().equals(LARGE))))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(
            "(Code:InsufficientInstanceCapacity)asked for 2, got 1", FailureTypes.INSUFFICIENT_CAPACITY));
    when(cloud.launchNodes(argThat(r -> r != null && r.pool().equals(XLARGE)))).thenReturn(launched("c5.xlarge"));
    env.start();

    LaunchedNodes result = provision(env, worker);

    assertEquals("c5.xlarge", result.nodes().get(0).instanceType());
    InOrder order = inOrder(cloud);
    order.verify(cloud).createPlacementGroup("burstflow-dev-7");
    order.verify(cloud).launchNodes(argThat(r -> r.pool().equals(LARGE) && r.clientToken().equals("job-dev-7-1-0")
        && "burstflow-dev-7".equals(r.placementGroup())));
    order.verify(cloud).terminateLaunch(argThat(r -> r.pool().equals(LARGE)));
    order.verify(cloud).coolDownPool(LARGE);
    order.verify(cloud).launchNodes(argThat(r -> r.pool().equals(XLARGE) && r.clientToken().equals("job-dev-7-1-1")));
    verify(cloud, never()).deletePlacementGroup(any()); // kept for the running job
  }

  @Test
  void throttlingIsRetriedOnTheSamePoolAndNeverCountsAsCapacity(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any()))
        .thenThrow(ApplicationFailure.newFailure("(Code:RequestLimitExceeded)slow down", "Ec2Exception"))
        .thenThrow(ApplicationFailure.newFailure("(Code:RequestLimitExceeded)slow down", "Ec2Exception"))
        .thenReturn(launched("c5.large"));
    env.start();

    provision(env, worker);

    verify(cloud, times(3)).launchNodes(argThat(r -> r.pool().equals(LARGE)));
    verify(cloud, never()).coolDownPool(any());
    verify(cloud, never()).terminateLaunch(any());
  }

  @Test
  void aQuotaErrorFailsAtOnceWithoutTryingOtherPools(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(
            "(Code:VcpuLimitExceeded)vCPU limit", FailureTypes.QUOTA_EXCEEDED));
    env.start();

    ApplicationFailure failure = failureOf(assertThrows(WorkflowException.class, () -> provision(env, worker)));

    assertEquals(FailureTypes.QUOTA_EXCEEDED, failure.getType());
    assertEquals("(Code:VcpuLimitExceeded)vCPU limit", failure.getOriginalMessage());
    verify(cloud, times(1)).launchNodes(any());
    verify(cloud).terminateLaunch(argThat(r -> r.pool().equals(LARGE)));
    verify(cloud).deletePlacementGroup("burstflow-dev-7");
    verify(cloud, never()).coolDownPool(any());
  }

  @Test
  void whenEveryPoolFailsEachIsCleanedUpAndThePlacementGroupDeleted(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(
            "(Code:InsufficientInstanceCapacity)none left", FailureTypes.INSUFFICIENT_CAPACITY));
    env.start();

    ApplicationFailure failure = failureOf(assertThrows(WorkflowException.class, () -> provision(env, worker)));

    assertEquals(FailureTypes.INSUFFICIENT_CAPACITY, failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("(Code:InsufficientInstanceCapacity)none left"));
    assertTrue(failure.getOriginalMessage().endsWith("[all 2 pools failed]"), failure.getOriginalMessage());
    verify(cloud, times(2)).terminateLaunch(any());
    verify(cloud).coolDownPool(LARGE);
    verify(cloud).coolDownPool(XLARGE);
    verify(cloud).deletePlacementGroup("burstflow-dev-7");
  }

  @Test
  void aLaunchOfUnknownOutcomeIsCompensatedBeforeTheNextPool(TestWorkflowEnvironment env, Worker worker) {
    // a worker dying mid-call looks like this: every try fails without a typed answer
    when(cloud.launchNodes(argThat(r -> r != null && r.pool().equals(LARGE))))
        .thenThrow(new IllegalStateException("connection reset"));
    when(cloud.launchNodes(argThat(r -> r != null && r.pool().equals(XLARGE)))).thenReturn(launched("c5.xlarge"));
    env.start();

    provision(env, worker);

    verify(cloud, times(6)).launchNodes(argThat(r -> r.pool().equals(LARGE)));
    verify(cloud).terminateLaunch(argThat(r -> r.pool().equals(LARGE)));
    verify(cloud, never()).coolDownPool(any());
  }

  @Test
  void compensationIsRetriedUntilEc2Confirms(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("(Code:VcpuLimitExceeded)q", FailureTypes.QUOTA_EXCEEDED));
    when(cloud.terminateLaunch(any()))
        .thenThrow(new IllegalStateException("still running"))
        .thenThrow(new IllegalStateException("still running"))
        .thenReturn(new TerminationResult(List.of("i-1")));
    env.start();

    assertThrows(WorkflowException.class, () -> provision(env, worker));

    verify(cloud, times(3)).terminateLaunch(any());
  }

  @Test
  void aSingleNodeJobGetsNoPlacementGroup(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.planLaunch("cloud", 1)).thenReturn(new LaunchPlan(List.of(LARGE), true));
    when(cloud.launchNodes(any())).thenReturn(launched("c5.large"));
    env.start();

    NodeProvisioningWorkflow wf = stub(env, worker);
    wf.provision(new ProvisioningRequest(JOB, "job-dev-7", 1, "cloud", List.of("burst-1")));

    verify(cloud, never()).createPlacementGroup(any());
    verify(cloud).launchNodes(argThat(r -> r.placementGroup() == null));
  }

  private LaunchedNodes provision(TestWorkflowEnvironment env, Worker worker) {
    return stub(env, worker).provision(new ProvisioningRequest(JOB, "job-dev-7", 1, "cloud", NODES));
  }

  private static NodeProvisioningWorkflow stub(TestWorkflowEnvironment env, Worker worker) {
    return env.getWorkflowClient().newWorkflowStub(
        NodeProvisioningWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("provision-dev-7-1").setTaskQueue(worker.getTaskQueue()).build());
  }

  private static ApplicationFailure failureOf(WorkflowException e) {
    return assertInstanceOf(ApplicationFailure.class, e.getCause());
  }

  private static LaunchedNodes launched(String type) {
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    return new LaunchedNodes(List.of(
        new LaunchedNode("burst-1", "i-1", type, "us-east-1a", "127.0.1.4", "ip-1", "spot", t, new BigDecimal("0.085")),
        new LaunchedNode("burst-2", "i-2", type, "us-east-1a", "127.0.1.5", "ip-2", "spot", t, new BigDecimal("0.085"))));
  }
}
