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
import org.burstflow.contracts.provisioning.ManualPowerUpWorkflow;
import org.burstflow.contracts.provisioning.PowerUpRequest;
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

  /** Stands in for the power-up: keeps the requests it was started with. */
  public static class RecordingPowerUp implements ManualPowerUpWorkflow {
    static final java.util.Queue<PowerUpRequest> STARTED = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public org.burstflow.contracts.cloud.LaunchedNodes powerUp(PowerUpRequest request) {
      STARTED.add(request);
      return new org.burstflow.contracts.cloud.LaunchedNodes(List.of());
    }
  }

  private final Clock clock = Clock.fixed(java.time.Instant.parse("2026-11-23T07:00:30Z"), java.time.ZoneOffset.UTC);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private HookEventRouter router;

  @BeforeEach
  void start() {
    RecordingPowerUp.STARTED.clear();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CORE);
    worker.registerWorkflowImplementationTypes(RecordingLifecycle.class, RecordingPowerUp.class);
    env.start();
    client = env.getWorkflowClient();
    router = new HookEventRouter(client, new ObjectMapper(), "dev", clock);
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

    String powerUp = ManualPowerUpWorkflow.workflowId("dev", "burst-4", clock.instant().getEpochSecond());
    assertEquals(List.of("job-dev-6", "job-dev-7", powerUp), outcome.workflowIds());
    assertEquals(List.of("burst-1", "burst-2"), statusOf("job-dev-6").nodes());
    assertEquals(List.of("burst-3"), statusOf("job-dev-7").nodes());
    // burst-4 was powered up by hand (scontrol power_up): launched by a workflow of its own
    client.newUntypedWorkflowStub(powerUp).getResult(org.burstflow.contracts.cloud.LaunchedNodes.class);
    assertEquals(List.of(new PowerUpRequest("dev", "burst-4")), List.copyOf(RecordingPowerUp.STARTED));
    assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("without a job") && n.contains("burst-4")),
        outcome.notes().toString());
  }

  @Test
  void aResumeOfAnArrayBurstSignalsEveryJobInOrderWithItsOwnNode() {
    StringBuilder jobs = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int job = 100; job < 160; job++) {
      jobs.append(job == 100 ? "" : ",").append("{\"job_id\":").append(job).append(",\"nodes\":\"burst-").append(job).append("\"}");
      expected.add("job-dev-" + job);
    }
    HookEventRouter.Outcome outcome = router.route(HookEventType.RESUME,
        "{\"cluster\":\"dev\",\"hostlist\":\"burst-[100-159]\",\"resume_file\":{\"jobs\":[" + jobs + "]}}");

    assertEquals(expected, outcome.workflowIds());
    for (int job = 100; job < 160; job++) {
      assertEquals(List.of("burst-" + job), statusOf("job-dev-" + job).nodes());
    }
  }

  @Test
  void aRepeatedResumeStartsOnePowerUpAndWithoutAResumeFileNoneAtAll() {
    String body = "{\"cluster\":\"dev\",\"hostlist\":\"burst-4\",\"resume_file\":{\"jobs\":[],\"all_nodes\":\"burst-4\"}}";
    HookEventRouter.Outcome first = router.route(HookEventType.RESUME, body);
    HookEventRouter.Outcome again = router.route(HookEventType.RESUME, body);
    assertEquals(first.workflowIds(), again.workflowIds());
    assertTrue(again.notes().stream().anyMatch(n -> n.startsWith("duplicate: powerup-dev-burst-4-")), again.notes().toString());

    HookEventRouter.Outcome noFile = router.route(HookEventType.RESUME, "{\"cluster\":\"dev\",\"hostlist\":\"burst-3\"}");
    assertEquals(List.of(), noFile.workflowIds(), "a job's node must not be launched as one without a job");
    assertTrue(noFile.notes().contains("nodes not launched: burst-3"), noFile.notes().toString());
  }

  @Test
  void aPowerDownSecondsAfterAnotherOfTheSameNodeIsAReleaseOfItsOwnButARepeatedCallIsNot() {
    String first = "{\"cluster\":\"dev\",\"hostlist\":\"burst-4\",\"requested_at\":1795417200}";
    String next = "{\"cluster\":\"dev\",\"hostlist\":\"burst-4\",\"requested_at\":1795417212}";

    HookEventRouter.Outcome released = router.route(HookEventType.SUSPEND, first);
    HookEventRouter.Outcome replayed = router.route(HookEventType.SUSPEND, first);
    HookEventRouter.Outcome releasedAgain = router.route(HookEventType.SUSPEND, next);

    assertEquals(released.workflowIds(), replayed.workflowIds());
    assertTrue(replayed.notes().stream().anyMatch(n -> n.startsWith("duplicate: release-dev-")), replayed.notes().toString());
    assertTrue(released.notes().isEmpty(), released.notes().toString());
    assertTrue(releasedAgain.notes().isEmpty(), "a new power-down must not be taken for a duplicate: " + releasedAgain.notes());
    assertTrue(!releasedAgain.workflowIds().equals(released.workflowIds()));
  }

  @Test
  void aPowerUpCallNamesItsWorkflowBySlurmsRequestTime() {
    String body = "{\"cluster\":\"dev\",\"hostlist\":\"burst-4\",\"resume_file\":{\"jobs\":[],\"all_nodes\":\"burst-4\"},"
        + "\"requested_at\":1795417200}";
    assertEquals(List.of("powerup-dev-burst-4-1795417200"), router.route(HookEventType.RESUME, body).workflowIds());
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
