package org.burstflow.workflows.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
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
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.analysis.AnalysisActivities;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.HoldTopUp;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.export.PerformanceExportActivities;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceExportResult;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.ReportActivities;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.report.StoredReport;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.slurm.SlurmJob;
import org.burstflow.contracts.spot.SpotActivities;
import org.burstflow.contracts.spot.SpotPolicy;
import org.burstflow.workflows.provisioning.NodeProvisioningWorkflowImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** How a job's lifecycle reacts to spot notices for its instances. */
class SpotInterruptionWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(JobLifecycleWorkflowImpl.class, NodeProvisioningWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final JobKey JOB = new JobKey("dev", 42);
  private static final List<String> NODES = List.of("burst-1", "burst-2");
  private static final Instant NOTICE_TIME = Instant.parse("2026-11-23T10:05:00Z");

  private final SlurmActivities slurm = mock(SlurmActivities.class, withSettings().withoutAnnotations());
  private final CloudNodeActivities cloud = mock(CloudNodeActivities.class, withSettings().withoutAnnotations());
  private final BudgetActivities budget = mock(BudgetActivities.class, withSettings().withoutAnnotations());
  private final ReportActivities reports = mock(ReportActivities.class, withSettings().withoutAnnotations());
  private final ReportDeliveryActivities delivery =
      mock(ReportDeliveryActivities.class, withSettings().withoutAnnotations());
  private final AnalysisActivities analysis = mock(AnalysisActivities.class, withSettings().withoutAnnotations());
  private final SpotActivities spot = mock(SpotActivities.class, withSettings().withoutAnnotations());
  private final PerformanceExportActivities export =
      mock(PerformanceExportActivities.class, withSettings().withoutAnnotations());

  private WorkflowClient client;
  private final AtomicReference<String> slurmState = new AtomicReference<>("RUNNING");
  /** Each launch gets new instance ids: i-<attempt>a, i-<attempt>b. */
  private final AtomicInteger launches = new AtomicInteger();

  @BeforeEach
  void registerActivities(TestWorkflowEnvironment env, Worker worker) {
    env.newWorker(TaskQueues.SLURM).registerActivitiesImplementations(slurm, export);
    Worker core = env.newWorker(TaskQueues.CORE);
    core.registerWorkflowImplementationTypes(NodeProvisioningWorkflowImpl.class);
    core.registerActivitiesImplementations(cloud, budget, reports, analysis, spot, delivery);
    client = env.getWorkflowClient();

    when(slurm.describeJob(JOB)).thenAnswer(call -> slurmJob(slurmState.get()));
    when(slurm.readAccounting(JOB)).thenReturn(accounting());
    when(slurm.requeueJob(JOB)).thenReturn(true);
    when(budget.placeHold(any())).thenReturn(new HoldResult("research", new BigDecimal("0.17"), new BigDecimal("0.204")));
    when(budget.topUpHold(any())).thenAnswer(call -> new HoldResult("research", new BigDecimal("0.01"),
        new BigDecimal("0.01"), "hold:dev:42:" + call.getArgument(0, HoldTopUp.class).attempt()));
    when(budget.reconcile(any())).thenReturn(new ReconcileResult("research", new BigDecimal("0.17"),
        new BigDecimal("0.204"), new BigDecimal("0.0100"), new BigDecimal("0.204"), new BigDecimal("-0.16"), "{}"));
    when(cloud.terminateLaunch(any())).thenReturn(new TerminationResult(List.of()));
    when(cloud.planLaunch("cloud", 2))
        .thenReturn(new LaunchPlan(List.of(new LaunchPool("g", "c5.large", "subnet-a", "spot")), false));
    when(cloud.launchNodes(any())).thenAnswer(call -> launched(launches.incrementAndGet()));
    when(delivery.queueForDelivery(JOB))
        .thenReturn(new DeliveryRouting(true, "report-digest-dev-root", "report queued for e-mail by report-digest-dev-root"));
    when(spot.policyFor("cloud")).thenReturn(policy(Duration.ZERO, false));
    when(reports.renderAndStore(any())).thenReturn(new StoredReport(JOB, "root@example.org", "subject"));
    when(export.export(any())).thenReturn(new PerformanceExportResult(
        "/var/spool/burstflow/performance/dev/job-42-performance.json", "aws_meta:{}", "set"));
  }

  @Test
  void warningSignalsDrainsRequeuesAndTheResumeBecomesTheSecondAttempt(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(warning("i-1a")));
    awaitDetail("spot interruption warning for i-1a");
    InOrder order = inOrder(slurm);
    order.verify(slurm).drainNodes(eq(List.of("burst-1")), startsWith("(Code:SpotInterruption)i-1a"));
    order.verify(slurm).signalJob(JOB, "USR1", true);
    order.verify(slurm).requeueJob(JOB);
    order.verify(slurm).markNodesDown(eq(NODES), startsWith("(Code:SpotInterruption)"));

    finishAfterRelaunch(worker);
    ArgumentCaptor<LaunchRequest> launch = ArgumentCaptor.forClass(LaunchRequest.class);
    verify(cloud, times(2)).launchNodes(launch.capture());
    assertEquals("job-dev-42-2-0", launch.getAllValues().get(1).clientToken());
    assertEquals("spot", launch.getAllValues().get(1).pool().purchasingOption());
    verify(budget, times(1)).placeHold(any());
    // the hold grows by what the interrupted attempt spent, for attempt 2
    ArgumentCaptor<HoldTopUp> topUp = ArgumentCaptor.forClass(HoldTopUp.class);
    verify(budget).topUpHold(topUp.capture());
    assertEquals(2, topUp.getValue().attempt());
    assertEquals(List.of("i-1a", "i-1b"), topUp.getValue().givenUp().instanceIds());
    assertTrue(topUp.getValue().givenUp().nodes().stream().allMatch(n -> n.stoppedAt() != null));

    // every attempt is charged: the first up to the interruption, the second to the job's end
    ArgumentCaptor<ReconcileRequest> reconcile = ArgumentCaptor.forClass(ReconcileRequest.class);
    verify(budget).reconcile(reconcile.capture());
    List<LaunchedNode> charged = reconcile.getValue().launched().nodes();
    assertEquals(List.of("i-1a", "i-1b", "i-2a", "i-2b"), charged.stream().map(LaunchedNode::instanceId).toList());
    assertEquals(List.of(1, 1, 2, 2), charged.stream().map(LaunchedNode::attempt).toList());
    assertTrue(charged.get(0).interrupted());
    assertFalse(charged.get(1).interrupted());
    assertNotNull(charged.get(0).stoppedAt());
    assertNotNull(charged.get(1).stoppedAt());
    assertNull(charged.get(2).stoppedAt());

    ArgumentCaptor<ReportInput> report = ArgumentCaptor.forClass(ReportInput.class);
    verify(reports).renderAndStore(report.capture());
    assertEquals(1, report.getValue().interruptions().size());
    assertEquals(1, report.getValue().interruptions().get(0).attempt());
    assertTrue(report.getValue().interruptions().get(0).outcome().startsWith("requeued"));

    // the performance record carries both attempts, the interrupted instance marked
    ArgumentCaptor<PerformanceExportRequest> exported = ArgumentCaptor.forClass(PerformanceExportRequest.class);
    InOrder exportThenReport = inOrder(export, reports);
    exportThenReport.verify(export).export(exported.capture());
    exportThenReport.verify(reports).renderAndStore(any());
    verify(export, times(1)).export(any());
    List<LaunchedNode> exportedNodes = exported.getValue().launched().nodes();
    assertEquals(charged, exportedNodes);
    assertEquals(1, exportedNodes.stream().filter(LaunchedNode::interrupted).count());
    assertEquals(report.getValue().interruptions(), exported.getValue().interruptions());
  }

  @Test
  void aRefusedHoldTopUpDoesNotStrandTheRequeuedJob(TestWorkflowEnvironment env, Worker worker) {
    org.mockito.Mockito.doThrow(ApplicationFailure.newNonRetryableFailure("top-up 0.01 exceeds available 0.00",
            FailureTypes.INSUFFICIENT_BUDGET))
        .when(budget).topUpHold(any());
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    interruptAndRelaunch(worker, "i-1a");
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();

    verify(cloud, times(2)).launchNodes(any());
    verify(budget).reconcile(any());
  }

  @Test
  void theJobDyingOfTheSignalDuringTheGraceIsRequeuedAndRelaunchedOnOtherNodes(
      TestWorkflowEnvironment env, Worker worker) {
    when(spot.policyFor("cloud")).thenReturn(policy(Duration.ofSeconds(2), false));
    // the job does not handle USR1: it fails at once, and requeue brings it back
    org.mockito.Mockito.doAnswer(call -> {
      slurmState.set("FAILED");
      return null;
    }).when(slurm).signalJob(JOB, "USR1", true);
    when(slurm.requeueJob(JOB)).thenAnswer(call -> {
      slurmState.set("PENDING");
      return true;
    });
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    SpotInterrupted notice =
        new SpotInterrupted("ev-1", "i-1a", SpotNoticeKind.INTERRUPTION_WARNING, now, "sqs", "terminate");
    signalWithStart(worker, wf -> wf.spotInterrupted(notice));
    signalWithStart(worker, wf -> wf.spotInterrupted(notice));
    awaitCall(() -> mockingDetailsHas("signalJob"), "signal");
    signalWithStart(worker, wf -> wf.jobEnded(ended())); // the epilog of the failed run
    env.sleep(Duration.ofSeconds(3));
    awaitDetail("requeued by Slurm");
    slurmState.set("RUNNING");
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(List.of("burst-3", "burst-4"))));
    awaitCall(() -> launches.get() == 2 && wfStatus().stage() == LifecycleStage.RUNNING, "relaunch");
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();
    verify(delivery).queueForDelivery(JOB);
  }

  @Test
  void aRepeatedNoticeAndOneForAnOldAttemptGiveOneReaction(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(warning("i-1a")));
    signalWithStart(worker, wf -> wf.spotInterrupted(warning("i-1a")));
    awaitDetail("spot interruption warning for i-1a");
    // the state-change events of the interrupted attempt arrive later
    signalWithStart(worker, wf -> wf.spotInterrupted(gone("i-1a")));
    signalWithStart(worker, wf -> wf.spotInterrupted(gone("i-1b")));
    finishAfterRelaunch(worker);
    // and one for an instance of the second attempt after the job ended
    signalWithStart(worker, wf -> wf.spotInterrupted(warning("i-2a")));

    verify(slurm, times(1)).drainNodes(anyList(), anyString());
    verify(slurm, times(1)).requeueJob(JOB);
    verify(slurm, times(1)).markNodesDown(anyList(), anyString());
    verify(cloud, times(2)).launchNodes(any());
  }

  @Test
  void afterTwoInterruptionsTheJobIsRelaunchedOnDemand(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);
    interruptAndRelaunch(worker, "i-1a");
    interruptAndRelaunch(worker, "i-2b");
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();

    ArgumentCaptor<LaunchRequest> launch = ArgumentCaptor.forClass(LaunchRequest.class);
    verify(cloud, times(3)).launchNodes(launch.capture());
    assertEquals(List.of("spot", "spot", "on-demand"),
        launch.getAllValues().stream().map(l -> l.pool().purchasingOption()).toList());
    ArgumentCaptor<ReportInput> report = ArgumentCaptor.forClass(ReportInput.class);
    verify(reports).renderAndStore(report.capture());
    assertEquals(List.of(1, 2), report.getValue().interruptions().stream().map(i -> i.attempt()).toList());
    assertTrue(report.getValue().interruptions().get(1).outcome().endsWith("on on-demand"));
  }

  @Test
  void aRebalanceRecommendationOnlyDrains(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(rebalance("i-1b")));
    awaitDetail("spot rebalance recommendation for i-1b");
    signalWithStart(worker, wf -> wf.spotInterrupted(rebalance("i-1b")));
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();

    verify(slurm, times(1)).drainNodes(eq(List.of("burst-2")), startsWith("(Code:SpotRebalance)i-1b"));
    verify(slurm, never()).signalJob(any(), any(), anyBoolean());
    verify(slurm, never()).requeueJob(any());
    verify(slurm, never()).markNodesDown(anyList(), anyString());
    verify(cloud, times(1)).launchNodes(any());
  }

  @Test
  void aRebalanceRequeuesWhenThePartitionSaysSo(TestWorkflowEnvironment env, Worker worker) {
    when(spot.policyFor("cloud")).thenReturn(policy(Duration.ZERO, true));
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(rebalance("i-1b")));
    awaitDetail("spot rebalance recommendation for i-1b");
    verify(slurm).requeueJob(JOB);
    verify(slurm).markNodesDown(eq(NODES), startsWith("(Code:SpotRebalance)"));
  }

  @Test
  void aJobThatCannotBeRequeuedRunsOnAndTheReportSaysWhy(TestWorkflowEnvironment env, Worker worker) {
    when(slurm.requeueJob(JOB)).thenReturn(false);
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(warning("i-1a")));
    awaitDetail("spot interruption warning for i-1a");
    slurmState.set("NODE_FAIL");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();

    verify(slurm, never()).markNodesDown(anyList(), anyString());
    ArgumentCaptor<ReportInput> report = ArgumentCaptor.forClass(ReportInput.class);
    verify(reports).renderAndStore(report.capture());
    assertTrue(report.getValue().interruptions().get(0).outcome().startsWith("not requeued: the job is not requeueable"));
    assertTrue(report.getValue().launched().nodes().get(0).interrupted());
  }

  @Test
  void theCheckpointGraceSeparatesTheSignalFromTheRequeue(TestWorkflowEnvironment env, Worker worker) {
    when(spot.policyFor("cloud")).thenReturn(policy(Duration.ofSeconds(30), false));
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    // a notice stamped now: the full grace fits in its two minutes
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    signalWithStart(worker, wf -> wf.spotInterrupted(
        new SpotInterrupted("ev-1", "i-1a", SpotNoticeKind.INTERRUPTION_WARNING, now, "sqs", "terminate")));
    awaitCall(() -> mockingDetailsHas("signalJob"), "signal");
    env.sleep(Duration.ofSeconds(20));
    verify(slurm, never()).requeueJob(any());
    env.sleep(Duration.ofSeconds(15));
    awaitDetail("spot interruption warning for i-1a");
    verify(slurm).requeueJob(JOB);
  }

  @Test
  void anInstanceThatVanishedWithoutNoticeIsHandledTheSameWay(TestWorkflowEnvironment env, Worker worker) {
    env.start();
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitStage(LifecycleStage.RUNNING);

    signalWithStart(worker, wf -> wf.spotInterrupted(gone("i-1b")));
    awaitDetail("spot instance gone for i-1b");
    verify(slurm).drainNodes(eq(List.of("burst-2")), startsWith("(Code:SpotInterruption)i-1b"));
    verify(slurm, never()).signalJob(any(), any(), anyBoolean());
    verify(slurm).requeueJob(JOB);
    verify(slurm).markNodesDown(eq(NODES), anyString());
  }

  // ---------------------------------------------------------------------------------------------

  private boolean mockingDetailsHas(String method) {
    return org.mockito.Mockito.mockingDetails(slurm).getInvocations().stream()
        .anyMatch(i -> i.getMethod().getName().equals(method));
  }

  /** A warning for an instance, the requeue's epilog, and Slurm resuming the nodes again. */
  private void interruptAndRelaunch(Worker worker, String instanceId) {
    int before = launches.get();
    signalWithStart(worker, wf -> wf.spotInterrupted(warning(instanceId)));
    awaitDetail("spot interruption warning for " + instanceId);
    slurmState.set("PENDING");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    awaitStage(LifecycleStage.WAITING_FOR_HOOKS);
    awaitDetail("requeued by Slurm");
    slurmState.set("RUNNING");
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitCall(() -> launches.get() > before && wfStatus().stage() == LifecycleStage.RUNNING, "relaunch");
  }

  private void finishAfterRelaunch(Worker worker) {
    slurmState.set("PENDING");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    awaitDetail("requeued by Slurm");
    slurmState.set("RUNNING");
    signalWithStart(worker, wf -> wf.nodesResumed(new NodesResumed(NODES)));
    awaitCall(() -> launches.get() == 2 && wfStatus().stage() == LifecycleStage.RUNNING, "relaunch");
    slurmState.set("COMPLETED");
    signalWithStart(worker, wf -> wf.jobEnded(ended()));
    result();
  }

  private JobOutcome result() {
    return WorkflowStub.fromTyped(client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()))
        .getResult(JobOutcome.class);
  }

  private LifecycleStatus wfStatus() {
    return client.newWorkflowStub(JobLifecycleWorkflow.class, JOB.lifecycleWorkflowId()).status();
  }

  private void awaitStage(LifecycleStage expected) {
    awaitCall(() -> wfStatus().stage() == expected, "stage " + expected);
  }

  private void awaitDetail(String prefix) {
    awaitCall(() -> wfStatus().detail().startsWith(prefix), "detail '" + prefix + "'");
  }

  private void awaitCall(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("workflow never reached " + what + ": " + wfStatus());
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

  private void signalWithStart(Worker worker, SignalCall signal) {
    JobLifecycleWorkflow wf = client.newWorkflowStub(JobLifecycleWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(JOB.lifecycleWorkflowId()).setTaskQueue(worker.getTaskQueue()).build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, JOB);
    request.add(() -> signal.signal(wf));
    client.signalWithStart(request);
  }

  private static SpotPolicy policy(Duration grace, boolean requeueOnRebalance) {
    return new SpotPolicy("USR1", true, grace, 2, requeueOnRebalance);
  }

  private static SpotInterrupted warning(String instanceId) {
    return new SpotInterrupted("ev-" + instanceId, instanceId, SpotNoticeKind.INTERRUPTION_WARNING, NOTICE_TIME,
        "sqs", "terminate");
  }

  private static SpotInterrupted rebalance(String instanceId) {
    return new SpotInterrupted("rb-" + instanceId, instanceId, SpotNoticeKind.REBALANCE_RECOMMENDATION, NOTICE_TIME,
        "sqs", null);
  }

  private static SpotInterrupted gone(String instanceId) {
    return new SpotInterrupted("sc-" + instanceId, instanceId, SpotNoticeKind.INSTANCE_GONE, NOTICE_TIME,
        "sqs", "shutting-down");
  }

  private static SlurmJob slurmJob(String state) {
    return new SlurmJob(42, "wrap", "root", "research", "cloud", 2, 2, Duration.ofHours(1), "c5.large", state);
  }

  private static JobEnded ended() {
    return new JobEnded("root", "research", "cloud", "burst-[1-2]", "0:0", "wrap");
  }

  private static LaunchedNodes launched(int attempt) {
    Instant t = Instant.parse("2026-11-23T10:00:00Z").plusSeconds(600L * (attempt - 1));
    return new LaunchedNodes(List.of(
        new LaunchedNode("burst-1", "i-" + attempt + "a", "c5.large", "us-east-1a", "127.0.1.4", "ip-1", "spot", t,
            new BigDecimal("0.085")),
        new LaunchedNode("burst-2", "i-" + attempt + "b", "c5.large", "us-east-1a", "127.0.1.5", "ip-2", "spot", t,
            new BigDecimal("0.085"))));
  }

  private static JobAccounting accounting() {
    Instant start = Instant.parse("2026-11-23T10:11:00Z");
    return new JobAccounting(42, "wrap", "root", "research", "cloud", "COMPLETED", "0:0", start,
        start.plusSeconds(20), Duration.ofSeconds(20), Duration.ofHours(1), 2, 2, "burst-[1-2]",
        Duration.ofSeconds(10), 1000L << 20, 5L << 20, 0.25, 0.005);
  }
}
