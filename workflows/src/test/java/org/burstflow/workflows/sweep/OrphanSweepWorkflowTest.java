package org.burstflow.workflows.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.budget.BudgetRecoveryActivities;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.ManagedInstance;
import org.burstflow.contracts.cloud.OrphanTermination;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.sweep.OrphanSweepWorkflow;
import org.burstflow.contracts.sweep.SweepSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class OrphanSweepWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(OrphanSweepWorkflowImpl.class, RecordingLifecycle.class)
          .setDoNotStart(true)
          .build();

  private static final SweepSettings SETTINGS =
      new SweepSettings("dev", Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofDays(14), 3);

  private final CloudNodeActivities cloud = mock(CloudNodeActivities.class, withSettings().withoutAnnotations());
  private final SlurmActivities slurm = mock(SlurmActivities.class, withSettings().withoutAnnotations());
  private final BudgetRecoveryActivities recovery =
      mock(BudgetRecoveryActivities.class, withSettings().withoutAnnotations());

  @BeforeEach
  void register(TestWorkflowEnvironment env) {
    env.newWorker(TaskQueues.CORE).registerActivitiesImplementations(cloud);
    env.newWorker(TaskQueues.SLURM).registerActivitiesImplementations(slurm, recovery);
    when(cloud.terminateOrphans(any())).thenReturn(new TerminationResult(List.of()));
    when(slurm.nodeStates()).thenReturn(Map.of(
        "burst-1", "IDLE+CLOUD+POWERED_DOWN",
        "burst-2", "ALLOCATED+CLOUD",
        "burst-3", "IDLE+CLOUD+POWERING_DOWN",
        "burst-4", "MIXED+CLOUD"));
  }

  @Test
  void aPassTerminatesOnlyInstancesNoNodeNeedsAfterTheirGracePeriod(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    Instant old = now.minus(Duration.ofHours(1));
    when(cloud.listManagedInstances("dev")).thenReturn(List.of(
        instance("i-powered-down", "burst-1", old),
        instance("i-busy", "burst-2", old),
        instance("i-powering-down", "burst-3", old),
        instance("i-young", "burst-1", now),
        instance("i-unknown-node", "burst-99", old),
        instance("i-untagged", null, old),
        instance("i-ancient", "burst-4", now.minus(Duration.ofDays(15)))));

    OrphanSweepWorkflow wf = start(env, worker);
    env.sleep(Duration.ofMinutes(6));

    ArgumentCaptor<List<OrphanTermination>> orphans = ArgumentCaptor.forClass(List.class);
    verify(cloud).terminateOrphans(orphans.capture());
    Map<String, String> reasons = orphans.getValue().stream()
        .collect(Collectors.toMap(OrphanTermination::instanceId, OrphanTermination::reason));
    assertEquals(List.of("i-ancient", "i-powered-down", "i-powering-down", "i-unknown-node", "i-untagged"),
        reasons.keySet().stream().sorted().toList());
    assertTrue(reasons.get("i-powered-down").contains("powered down"), reasons.toString());
    assertTrue(reasons.get("i-unknown-node").contains("unknown to Slurm"));
    assertTrue(reasons.get("i-untagged").contains("no SlurmNode tag"));
    assertTrue(reasons.get("i-ancient").contains("maximum lifetime"));
    assertEquals(5, wf.status().terminated().size());
  }

  @Test
  void sweepNowRunsAPassWithoutWaitingForTheInterval(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    when(cloud.listManagedInstances("dev")).thenReturn(List.of());
    OrphanSweepWorkflow wf = start(env, worker);

    wf.sweepNow();
    env.sleep(Duration.ofSeconds(5));

    verify(cloud).listManagedInstances("dev");
    verify(slurm, never()).nodeStates(); // nothing to compare: Slurm is not asked
    verify(recovery).recoverOrphanedHolds(); // every pass also settles forgotten holds
    assertEquals(1, wf.status().passes());
  }

  @Test
  void itContinuesAsNewAfterItsPasses(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    when(cloud.listManagedInstances("dev")).thenReturn(List.of());
    OrphanSweepWorkflow wf = env.getWorkflowClient().newWorkflowStub(
        OrphanSweepWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(OrphanSweepWorkflow.workflowId("dev"))
            .setTaskQueue(worker.getTaskQueue())
            .build());
    String firstRun = WorkflowClient.start(wf::sweep, SETTINGS).getRunId();

    env.sleep(Duration.ofMinutes(11));
    assertEquals(firstRun, currentRun(env), "two passes: still the first run");
    env.sleep(Duration.ofMinutes(5));

    assertNotEquals(firstRun, currentRun(env), "three passes: continued as new");
    assertEquals(0, wf.status().passes(), "the new run starts counting again");
  }

  private static String currentRun(TestWorkflowEnvironment env) {
    return env.getWorkflowClient().newUntypedWorkflowStub(OrphanSweepWorkflow.workflowId("dev"))
        .describe().getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private static OrphanSweepWorkflow start(TestWorkflowEnvironment env, Worker worker) {
    OrphanSweepWorkflow wf = env.getWorkflowClient().newWorkflowStub(
        OrphanSweepWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(OrphanSweepWorkflow.workflowId("dev"))
            .setTaskQueue(worker.getTaskQueue())
            .build());
    WorkflowClient.start(wf::sweep, SETTINGS);
    return wf;
  }

  @Test
  void anInstanceEc2TookAwayIsToldToItsLifecycleOnce(TestWorkflowEnvironment env, Worker worker) {
    RecordingLifecycle.notices.clear();
    env.start();
    when(cloud.listManagedInstances("dev")).thenReturn(List.of());
    Instant launched = Instant.ofEpochMilli(env.currentTimeMillis()).minus(Duration.ofHours(1));
    when(cloud.listLostInstances("dev")).thenReturn(List.of(
        new ManagedInstance("i-lost", "burst-1", "42", "job-dev-42", launched,
            "terminated: Server.SpotInstanceTermination: Spot instance termination"),
        // a lifecycle that already finished cannot be signalled; the sweep goes on
        new ManagedInstance("i-of-a-finished-job", "burst-2", "41", "job-dev-41", launched, "terminated: …"),
        // a manual power-up's instance has no lifecycle to tell
        new ManagedInstance("i-manual", "burst-3", null, "power-up-dev-burst-3", launched, "terminated: …")));
    WorkflowClient.start(env.getWorkflowClient().newWorkflowStub(JobLifecycleWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("job-dev-42").setTaskQueue(worker.getTaskQueue()).build())::run,
        new JobKey("dev", 42));
    OrphanSweepWorkflow wf = start(env, worker);

    wf.sweepNow();
    env.sleep(Duration.ofSeconds(5));
    wf.sweepNow();
    env.sleep(Duration.ofSeconds(5));

    verify(cloud, times(2)).listLostInstances("dev");
    assertEquals(2, wf.status().passes(), "a lifecycle that cannot be told does not stop the sweep");
    assertEquals(1, RecordingLifecycle.notices.size(), "told once, though listed in two passes");
    SpotInterrupted notice = RecordingLifecycle.notices.get(0);
    assertEquals("i-lost", notice.instanceId());
    assertEquals(SpotNoticeKind.INSTANCE_GONE, notice.kind());
    assertEquals("sweep", notice.source());
  }

  /** Stands in for a job's lifecycle: records the notices it is told. */
  public static class RecordingLifecycle implements JobLifecycleWorkflow {
    static final List<SpotInterrupted> notices = new CopyOnWriteArrayList<>();

    @Override
    public JobOutcome run(JobKey job) {
      Workflow.await(() -> false);
      return null;
    }

    @Override
    public void nodesResumed(NodesResumed event) {}

    @Override
    public void jobEnded(JobEnded event) {}

    @Override
    public void spotInterrupted(SpotInterrupted notice) {
      notices.add(notice);
    }

    @Override
    public LifecycleStatus status() {
      return null;
    }
  }

  private static ManagedInstance instance(String id, String node, Instant launched) {
    return new ManagedInstance(id, node, "42", "job-dev-42", launched, "running");
  }

}
