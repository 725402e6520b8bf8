package org.burstflow.workflows.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.TerminateRequest;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.release.NodeReleaseRequest;
import org.burstflow.contracts.release.NodeReleaseResult;
import org.burstflow.contracts.release.NodeReleaseWorkflow;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class NodeReleaseWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setWorkflowTypes(NodeReleaseWorkflowImpl.class).setDoNotStart(true).build();

  private final CloudNodeActivities cloud = mock(CloudNodeActivities.class, withSettings().withoutAnnotations());
  private final SlurmActivities slurm = mock(SlurmActivities.class, withSettings().withoutAnnotations());

  @Test
  void terminatesWhatWasLaunchedBeforeTheSuspendThenResetsAddresses(TestWorkflowEnvironment env, Worker worker) {
    env.newWorker(TaskQueues.CORE).registerActivitiesImplementations(cloud);
    env.newWorker(TaskQueues.SLURM).registerActivitiesImplementations(slurm);
    Instant requested = Instant.parse("2026-11-23T10:00:00Z");
    List<String> nodes = List.of("burst-1", "burst-2");
    when(cloud.terminateNodes(any()))
        .thenThrow(new IllegalStateException("EC2 unavailable"))
        .thenReturn(new TerminationResult(List.of("i-1", "i-2")));
    env.start();

    NodeReleaseResult result = env.getWorkflowClient()
        .newWorkflowStub(NodeReleaseWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("release-dev-x-1").setTaskQueue(worker.getTaskQueue()).build())
        .release(new NodeReleaseRequest("dev", nodes, "suspend", requested));

    assertEquals(List.of("i-1", "i-2"), result.terminatedInstanceIds());
    InOrder order = inOrder(cloud, slurm);
    order.verify(cloud, times(2)).terminateNodes(new TerminateRequest("dev", nodes, requested));
    order.verify(slurm).resetNodeAddresses(nodes);
  }
}
