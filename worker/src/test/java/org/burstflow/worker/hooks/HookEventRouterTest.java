package org.burstflow.worker.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.hooks.HookEventType;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hook events to workflow signals, against Temporal's in-memory server. */
class HookEventRouterTest {

  /** Stands in for the lifecycle: keeps the nodes it is told about and answers with them. */
  public static class RecordingLifecycle implements JobLifecycleWorkflow {
    private final List<String> nodes = new ArrayList<>();
    private boolean ended;

    @Override
    public JobOutcome run(JobKey job) {
      Workflow.await(() -> ended);
      return null;
    }

    @Override
    public void nodesResumed(NodesResumed event) {
      nodes.addAll(event.nodes());
    }

    @Override
    public void jobEnded(JobEnded event) {
      ended = true;
    }

    @Override
    public void spotInterrupted(org.burstflow.contracts.lifecycle.SpotInterrupted notice) {}

    @Override
    public LifecycleStatus status() {
      return new LifecycleStatus(LifecycleStage.WAITING_FOR_HOOKS, List.copyOf(nodes), List.of(), "");
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HookEventRouter router;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CORE);
    worker.registerWorkflowImplementationTypes(RecordingLifecycle.class);
    env.start();
    client = env.getWorkflowClient();
    router = new HookEventRouter(client, new ObjectMapper(), "dev", Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void oneResumeFileWithSeveralJobsSignalsEachJobWithItsOwnNodes() {
    HookEventRouter.Outcome outcome = router.route(HookEventType.RESUME,
        "{\"cluster\":\"dev\",\"hostlist\":\"burst-[1-4]\",\"resume_file\":{\"jobs\":["
            + "{\"job_id\":6,\"nodes\":\"burst-[1-2]\"},{\"job_id\":7,\"nodes\":\"burst-3\"}],"
            + "\"all_nodes\":\"burst-[1-4]\"}}");

    assertEquals(List.of("job-dev-6", "job-dev-7"), outcome.workflowIds());
    assertEquals(List.of("burst-1", "burst-2"), statusOf("job-dev-6").nodes());
    assertEquals(List.of("burst-3"), statusOf("job-dev-7").nodes());
    // burst-4 was powered up by hand (scontrol power_up): no job to launch it for
    assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("without a job") && n.contains("burst-4")),
        outcome.notes().toString());
  }

  @Test
  void eventsOfAnotherClusterOrMalformedAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> router.route(HookEventType.EPILOG,
        "{\"cluster\":\"other\",\"job_id\":5}"));
    assertThrows(IllegalArgumentException.class, () -> router.route(HookEventType.RESUME, "{not json"));
  }

  private LifecycleStatus statusOf(String workflowId) {
    return client.newWorkflowStub(JobLifecycleWorkflow.class, workflowId).status();
  }
}
