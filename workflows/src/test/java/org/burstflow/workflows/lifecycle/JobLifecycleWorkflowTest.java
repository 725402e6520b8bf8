package org.burstflow.workflows.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicReference;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.analysis.AnalysisActivities;
import org.burstflow.contracts.analysis.AnalysisRequest;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldRequest;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.export.PerformanceExportActivities;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceExportResult;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.report.DeliveryResult;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.ReportActivities;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.report.StoredReport;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.slurm.SlurmJob;
import org.burstflow.workflows.provisioning.NodeProvisioningWorkflowImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class JobLifecycleWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(JobLifecycleWorkflowImpl.class, NodeProvisioningWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final JobKey JOB = new JobKey("dev", 42);
  private static final List<String> NODES = List.of("burst-1", "burst-2");

  private final SlurmActivities slurm = mock(SlurmActivities.class, withSettings().withoutAnnotations());
  private final CloudNodeActivities cloud =
      mock(CloudNodeActivities.class, withSettings().withoutAnnotations());
  private final BudgetActivities budget = mock(BudgetActivities.class, withSettings().withoutAnnotations());
  private final ReportActivities reports = mock(ReportActivities.class, withSettings().withoutAnnotations());
  private final AnalysisActivities analysis = mock(AnalysisActivities.class, withSettings().withoutAnnotations());
  private final PerformanceExportActivities export =
      mock(PerformanceExportActivities.class, withSettings().withoutAnnotations());
  private final ReportDeliveryActivities delivery =
      mock(ReportDeliveryActivities.class, withSettings().withoutAnnotations());

  private WorkflowClient client;
  /** What scontrol says of the job when asked. */
  private final AtomicReference<String> slurmState = new AtomicReference<>("COMPLETED");

  @BeforeEach
  void registerActivities(TestWorkflowEnvironment env, Worker worker) {
    env.newWorker(TaskQueues.SLURM).registerActivitiesImplementations(slurm, export);
    Worker core = env.newWorker(TaskQueues.CORE);
    core.registerWorkflowImplementationTypes(NodeProvisioningWorkflowImpl.class);
    core.registerActivitiesImplementations(cloud, budget, reports, analysis, delivery);
    client = env.getWorkflowClient();

    when(slurm.describeJob(JOB)).thenAnswer(call -> slurmJob(slurmState.get()));
    when(slurm.readAccounting(JOB)).thenReturn(accounting("COMPLETED"));
    when(budget.placeHold(any())).thenReturn(new HoldResult("research", new BigDecimal("0.17"), new BigDecimal("0.204")));
    when(budget.reconcile(any()))
        .thenReturn(
            new ReconcileResult("research", new BigDecimal("0.17"), new BigDecimal("0.204"),
                new BigDecimal("0.0010"), new BigDecimal("0.204"), new BigDecimal("-0.169"), "{}"));
    when(cloud.terminateLaunch(any())).thenReturn(new TerminationResult(List.of()));
    when(cloud.planLaunch("cloud", 2))
        .thenReturn(new LaunchPlan(List.of(new LaunchPool("g", "c5.large", "subnet-a", "spot")), false));
    when(slurm.allocatedGpus(JOB)).thenReturn(0);
    when(slurm.batchScriptHash(JOB)).thenReturn("sha256:abc");
    when(analysis.analyze(any())).thenReturn(ANALYSIS);
    when(export.export(any())).thenReturn(new PerformanceExportResult(
        "/var/spool/burstflow/performance/dev/job-42-performance.json", "aws_meta:{}", "set"));
    when(reports.renderAndStore(any())).thenReturn(new StoredReport(JOB, "root@example.org", "subject"));
    when(reports.emailReport(JOB)).thenReturn(new DeliveryResult("root@example.org", "<id>", false));
    when(delivery.queueForDelivery(JOB))
        .thenReturn(new DeliveryRouting(true, "report-digest-dev-root", "report queued for e-mail by report-digest-dev-root"));
  }

  @Test
  void burstJobIsHeldLaunchedReconciledAndReported(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any())).thenReturn(launched("i-1", "i-2"));
    env.start();

    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    // the epilog comes after the job ran on its nodes; sent at once, it would race the launch
    awaitStage(LifecycleStage.RUNNING);
    JobLifecycleWorkflow wf = client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId());
    wf.jobEnded(ended());
    JobOutcome outcome = WorkflowStub.fromTyped(wf).getResult(JobOutcome.class);

    assertEquals("COMPLETED", outcome.slurmState());
    assertEquals(new BigDecimal("0.0010"), outcome.chargedAmount());
    assertTrue(outcome.reportSent());

    InOrder order = inOrder(slurm, budget, cloud, analysis, export, reports);
    order.verify(slurm).describeJob(JOB);
    order.verify(budget).placeHold(any(HoldRequest.class));
    ArgumentCaptor<LaunchRequest> launch = ArgumentCaptor.forClass(LaunchRequest.class);
    order.verify(cloud).launchNodes(launch.capture());
    order.verify(slurm).setNodeAddresses(any());
    order.verify(slurm).readAccounting(JOB);
    ArgumentCaptor<ReconcileRequest> reconcile = ArgumentCaptor.forClass(ReconcileRequest.class);
    order.verify(budget).reconcile(reconcile.capture());
    ArgumentCaptor<AnalysisRequest> analysed = ArgumentCaptor.forClass(AnalysisRequest.class);
    order.verify(analysis).analyze(analysed.capture());
    // step 7, between the analysis and the report, once
    ArgumentCaptor<PerformanceExportRequest> exported = ArgumentCaptor.forClass(PerformanceExportRequest.class);
    order.verify(export).export(exported.capture());
    ArgumentCaptor<ReportInput> reported = ArgumentCaptor.forClass(ReportInput.class);
    order.verify(reports).renderAndStore(reported.capture());
    verify(delivery).queueForDelivery(JOB);
    verify(export, times(1)).export(any());
    assertEquals(JOB, exported.getValue().job());
    assertEquals(List.of("i-1", "i-2"), exported.getValue().launched().instanceIds());
    assertEquals(new BigDecimal("0.0010"), exported.getValue().cost().charged());
    assertEquals(ANALYSIS, exported.getValue().analysis());
    assertEquals("COMPLETED", exported.getValue().accounting().state());

    assertEquals("job-dev-42-1-0", launch.getValue().clientToken());
    assertEquals(NODES, launch.getValue().nodes());
    assertEquals(List.of("i-1", "i-2"), reconcile.getValue().launched().instanceIds());
    assertEquals("sha256:abc", analysed.getValue().scriptHash());
    assertEquals(ANALYSIS, reported.getValue().analysis());
    verify(cloud, never()).terminateLaunch(any());
  }

  @Test
  void duplicateResumesAndEpilogsGiveOneLaunchAndOneEmail(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any())).thenReturn(launched("i-1", "i-2"));
    env.start();

    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
        .getResult(JobOutcome.class);

    verify(cloud, times(1)).launchNodes(any());
    verify(budget, times(1)).reconcile(any());
    verify(delivery, times(1)).queueForDelivery(JOB);
  }

  @Test
  void failedLaunchIsCompensatedAndTheRequeuedJobGetsASecondAttempt(
      TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "2 of 2 instances: got 1", FailureTypes.INSUFFICIENT_CAPACITY))
        .thenReturn(launched("i-3", "i-4"));
    env.start();

    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitDetail("attempt 1 failed");
    // Slurm requeued the job after the nodes went down (running the epilog), and resumes them again.
    slurmState.set("PENDING");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    awaitDetail("requeued by Slurm");
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
        .getResult(JobOutcome.class);

    ArgumentCaptor<LaunchRequest> compensated = ArgumentCaptor.forClass(LaunchRequest.class);
    verify(cloud).terminateLaunch(compensated.capture());
    assertEquals("job-dev-42-1-0", compensated.getValue().clientToken());
    verify(slurm).markNodesDown(eq(NODES), startsWith("(Code:InsufficientCapacity)"));
    ArgumentCaptor<LaunchRequest> launches = ArgumentCaptor.forClass(LaunchRequest.class);
    verify(cloud, times(2)).launchNodes(launches.capture());
    assertEquals("job-dev-42-2-0", launches.getAllValues().get(1).clientToken());
    verify(budget, times(1)).placeHold(any());
    ArgumentCaptor<ReconcileRequest> reconcile = ArgumentCaptor.forClass(ReconcileRequest.class);
    verify(budget).reconcile(reconcile.capture());
    assertEquals(List.of("i-3", "i-4"), reconcile.getValue().launched().instanceIds());
  }

  @Test
  void anEpilogWhileSlurmStillShowsCompletingIsLookedAtAgain(TestWorkflowEnvironment env, Worker worker) {
    when(slurm.describeJob(JOB))
        .thenReturn(slurmJob("COMPLETING"), slurmJob("COMPLETING"), slurmJob("COMPLETED"));
    env.start();

    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
        .getResult(JobOutcome.class);

    verify(slurm, times(3)).describeJob(JOB);
    verify(delivery).queueForDelivery(JOB);
  }

  @Test
  void localJobSkipsBudgetAndLaunchButIsReported(TestWorkflowEnvironment env, Worker worker) {
    env.start();

    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    JobOutcome outcome =
        WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
            .getResult(JobOutcome.class);

    assertNull(outcome.heldAmount());
    assertTrue(outcome.reportSent());
    verify(budget, never()).placeHold(any());
    verify(budget, never()).reconcile(any());
    verify(cloud, never()).launchNodes(any());
    ArgumentCaptor<ReportInput> input = ArgumentCaptor.forClass(ReportInput.class);
    verify(reports).renderAndStore(input.capture());
    assertNull(input.getValue().launched());
    assertNull(input.getValue().cost());
    verify(export, never()).export(any()); // no cloud instance, nothing for ASBX's tools
  }

  @Test
  void aFailedExportIsNotedAndTheReportStillGoesOut(TestWorkflowEnvironment env, Worker worker) {
    when(cloud.launchNodes(any())).thenReturn(launched("i-1", "i-2"));
    when(export.export(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "performance export directory /nowhere/dev does not exist and cannot be created", FailureTypes.BAD_INPUT));
    env.start();

    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);
    JobLifecycleWorkflow wf = client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId());
    wf.jobEnded(ended());
    JobOutcome outcome = WorkflowStub.fromTyped(wf).getResult(JobOutcome.class);

    assertTrue(outcome.reportSent());
    verify(reports).renderAndStore(any());
    verify(export, times(1)).export(any()); // BadInput is not retried
    LifecycleStatus status = wf.status();
    assertEquals(LifecycleStage.COMPLETED, status.stage());
    assertTrue(status.detail().contains("performance export failed: performance export directory /nowhere/dev"),
        status.detail());
  }

  @Test
  void refusedBudgetHoldsTheJobAndLaunchesNothingUntilReleased(TestWorkflowEnvironment env, Worker worker) {
    when(budget.placeHold(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "hold 0.204 exceeds available 0.00", FailureTypes.INSUFFICIENT_BUDGET))
        .thenReturn(new HoldResult("research", new BigDecimal("0.17"), new BigDecimal("0.204")));
    when(cloud.launchNodes(any())).thenReturn(launched("i-1", "i-2"));
    env.start();

    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitDetail("budget refused");
    // requeuehold runs the epilog: the job has not ended, it waits for its account
    slurmState.set("PENDING");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    awaitDetail("requeued by Slurm");
    verify(slurm).holdJob(eq(JOB), startsWith("burstflow: insufficient budget"));
    verify(slurm).markNodesDown(eq(NODES), startsWith("(Code:InsufficientBudget)"));
    verify(cloud, never()).launchNodes(any());
    verify(slurm, never()).readAccounting(any());

    // the account was topped up and the job released: Slurm resumes it again
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    JobOutcome outcome =
        WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
            .getResult(JobOutcome.class);

    verify(budget, times(2)).placeHold(any());
    verify(cloud, times(1)).launchNodes(any());
    verify(budget, times(1)).reconcile(any());
    assertEquals(new BigDecimal("0.204"), outcome.heldAmount());
  }

  @Test
  void aFailedAnalysisStillSendsTheReportWithoutIt(TestWorkflowEnvironment env, Worker worker) {
    when(analysis.analyze(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("spool unreadable", FailureTypes.BAD_INPUT));
    env.start();

    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    JobOutcome outcome =
        WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
            .getResult(JobOutcome.class);

    assertTrue(outcome.reportSent());
    ArgumentCaptor<ReportInput> reported = ArgumentCaptor.forClass(ReportInput.class);
    verify(reports).renderAndStore(reported.capture());
    assertNull(reported.getValue().analysis());
  }

  @Test
  void reportThatCannotBeQueuedStaysStoredAndTheJobCompletes(TestWorkflowEnvironment env, Worker worker) {
    when(delivery.queueForDelivery(JOB))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("no recipient", FailureTypes.BAD_INPUT));
    env.start();

    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    JobOutcome outcome =
        WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
            .getResult(JobOutcome.class);

    assertFalse(outcome.reportSent());
    verify(reports).renderAndStore(any());
    verify(reports, never()).emailReport(any());
    assertTrue(WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
        .query("status", LifecycleStatus.class).detail().startsWith("report not queued for e-mail: no recipient"));
  }

  /** Polls the status query until the workflow reaches the stage (the hooks' real order). */
  private void awaitStage(LifecycleStage expected) {
    awaitStatus(status -> status.stage() == expected, "stage " + expected);
  }

  private void awaitDetail(String prefix) {
    awaitStatus(status -> status.detail().startsWith(prefix), "detail '" + prefix + "'");
  }

  private void awaitStatus(Predicate<LifecycleStatus> condition, String what) {
    JobLifecycleWorkflow wf = client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.test(wf.status())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("workflow never reached " + what + ": " + wf.status());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private interface SignalCall {
    void signal(JobLifecycleWorkflow wf);
  }

  /** What the hook endpoint does: signal-with-start on the job's deterministic id. */
  private void signalWithStart(Worker worker, SignalCall signal) {
    JobLifecycleWorkflow wf =
        client.newWorkflowStub(
            JobLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JOB.lifecycleWorkflowId())
                .setTaskQueue(worker.getTaskQueue())
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, JOB);
    request.add(() -> signal.signal(wf));
    client.signalWithStart(request);
  }

  private static final JobAnalysis ANALYSIS =
      new JobAnalysis("dev", 42, "root", "COMPLETED", 20.0, 0.25, 0.005, 0.0056, null,
          EfficiencyClass.INEFFICIENT, "CPU efficiency 25.0 %", List.of(), List.of(), null, "sha256:abc");

  private static SlurmJob slurmJob(String state) {
    return new SlurmJob(42, "wrap", "root", "research", "cloud", 2, 2, Duration.ofHours(1), "c5.large", state);
  }

  private static JobEnded ended() {
    return new JobEnded("root", "research", "cloud", "burst-[1-2]", "0:0", "wrap");
  }

  private static LaunchedNodes launched(String first, String second) {
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    return new LaunchedNodes(
        List.of(
            new LaunchedNode("burst-1", first, "c5.large", "us-east-1a", "127.0.1.4", "ip-1", "spot", t, new BigDecimal("0.085")),
            new LaunchedNode("burst-2", second, "c5.large", "us-east-1a", "127.0.1.5", "ip-2", "spot", t, new BigDecimal("0.085"))));
  }

  private static JobAccounting accounting(String state) {
    Instant start = Instant.parse("2026-11-23T10:01:00Z");
    return new JobAccounting(42, "wrap", "root", "research", "cloud", state, "0:0", start,
        start.plusSeconds(20), Duration.ofSeconds(20), Duration.ofHours(1), 2, 2, "burst-[1-2]",
        Duration.ofSeconds(10), 1000L << 20, 5L << 20, 0.25, 0.005);
  }
}
