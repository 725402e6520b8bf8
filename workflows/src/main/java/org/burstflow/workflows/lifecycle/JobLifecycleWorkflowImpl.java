package org.burstflow.workflows.lifecycle;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.analysis.AnalysisActivities;
import org.burstflow.contracts.analysis.AnalysisRequest;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldRequest;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.HoldTopUp;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
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
import org.burstflow.contracts.provisioning.NodeProvisioningWorkflow;
import org.burstflow.contracts.provisioning.ProvisioningRequest;
import org.burstflow.contracts.report.DeliveryResult;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.ReportActivities;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.NodeAddress;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.slurm.SlurmJob;
import org.burstflow.contracts.spot.SpotActivities;
import org.burstflow.contracts.spot.SpotInterruption;
import org.burstflow.contracts.spot.SpotPolicy;
import org.burstflow.workflows.common.ActivityFailures;
import org.burstflow.workflows.report.ReportRouting;
import org.slf4j.Logger;

/**
 * One Slurm job from its first hook to its report.
 *
 * <p>The hooks arrive as signals in any order and possibly twice: a resume for nodes that are
 * already being served is ignored. An epilog makes the workflow ask Slurm whether the job ended
 * or was requeued (Slurm runs the epilog for both). A job that never resumed
 * (a local job) skips the budget and launch steps. A launch that fails leaves no instance behind
 * (the saga terminates the attempt's instances) and marks the nodes down so Slurm requeues the
 * job at once; the requeued job's next resume becomes the next attempt of this same workflow.
 */
public class JobLifecycleWorkflowImpl implements JobLifecycleWorkflow {

  private static final Logger log = Workflow.getLogger(JobLifecycleWorkflowImpl.class);

  private final SlurmActivities slurm =
      Workflow.newActivityStub(
          SlurmActivities.class,
          LifecycleActivityOptions.SLURM,
          LifecycleActivityOptions.SLURM_OVERRIDES);
  private final BudgetActivities budget =
      Workflow.newActivityStub(BudgetActivities.class, LifecycleActivityOptions.CORE);
  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, LifecycleActivityOptions.CORE);
  private final AnalysisActivities analysis =
      Workflow.newActivityStub(AnalysisActivities.class, LifecycleActivityOptions.ANALYSIS);
  private final ReportActivities mail =
      Workflow.newActivityStub(ReportActivities.class, LifecycleActivityOptions.MAIL);
  private final SpotActivities spotSettings =
      Workflow.newActivityStub(SpotActivities.class, LifecycleActivityOptions.CORE);
  private final PerformanceExportActivities export =
      Workflow.newActivityStub(PerformanceExportActivities.class, LifecycleActivityOptions.EXPORT);

  private LifecycleStage stage = LifecycleStage.WAITING_FOR_HOOKS;
  private String detail = "";
  /** Resume requests not yet acted on, oldest first. */
  private final List<NodesResumed> pendingResumes = new ArrayList<>();
  /**
   * Nodes asked for and not given up: pending, being launched, or served by running instances.
   * A resume for nodes all in this set is a duplicate.
   */
  private final Set<String> nodesInHand = new LinkedHashSet<>();
  private final List<LaunchedNode> launched = new ArrayList<>();
  /** An epilog arrived and has not been looked into yet. */
  private boolean endReported;
  /** Slurm confirmed the end: later hooks are stale. */
  private boolean finished;
  private int attempts;
  /** The job as Slurm described it when its nodes were first resumed. */
  private SlurmJob slurmJob;
  private final SpotNotices spotNotices = new SpotNotices();
  /** Why the performance export failed, kept for the final status (the report goes out anyway). */
  private String exportProblem;

  @Override
  public JobOutcome run(JobKey job) {
    HoldResult hold = null;
    while (true) {
      Workflow.await(() -> endReported || !pendingResumes.isEmpty() || spotNotices.hasPending());
      if (spotNotices.hasPending()) {
        reactToSpotNotice(job, spotNotices.next());
        continue;
      }
      if (endReported) {
        // the epilog runs both when a job ends and when Slurm requeues it: ask Slurm which
        endReported = false;
        if (hasEnded(job)) {
          break;
        }
        stage = LifecycleStage.WAITING_FOR_HOOKS;
        detail = "requeued by Slurm after attempt " + attempts;
        continue;
      }
      NodesResumed resume = pendingResumes.remove(0);
      if (hold == null) {
        hold = holdBudget(job, resume);
        if (hold == null) {
          continue;
        }
      }
      launchAttempt(job, resume.nodes());
    }
    finished = true;
    pendingResumes.clear();

    stage = LifecycleStage.COLLECTING_ACCOUNTING;
    JobAccounting accounting = slurm.readAccounting(job);
    // released histories predate the efficiency analysis: they replay without it
    boolean analyse = Workflow.getVersion("efficiency-analysis", Workflow.DEFAULT_VERSION, 1) >= 1;
    AnalysisRequest analysisRequest = analyse ? analysisRequest(job, accounting) : null;

    ReconcileResult cost = null;
    if (hold != null) {
      stage = LifecycleStage.RECONCILING;
      LaunchedNodes allInstances = new LaunchedNodes(launched);
      cost = budget.reconcile(new ReconcileRequest(job, accounting, allInstances));
    }

    JobAnalysis analysis = analysisRequest == null ? null : analyse(job, analysisRequest);

    if (!launched.isEmpty()) {
      exportPerformance(job, accounting, cost, analysis);
    }

    stage = LifecycleStage.REPORTING;
    LaunchedNodes reported = launched.isEmpty() ? null : new LaunchedNodes(launched);
    var report = reports.renderAndStore(
        new ReportInput(job, accounting, reported, cost, analysis, spotNotices.acted()));
    boolean sent = sendReport(job);
    if (exportProblem != null) {
      detail = detail.isEmpty() ? exportProblem : detail + "; " + exportProblem;
    }

    stage = LifecycleStage.COMPLETED;
    return new JobOutcome(
        job,
        accounting.state(),
        hold == null ? null : hold.held(),
        cost == null ? null : cost.charged(),
        report.recipient(),
        sent);
  }

  /** Holds the estimated cost; when the budget refuses, holds the job in Slurm instead. */
  private HoldResult holdBudget(JobKey job, NodesResumed resume) {
    stage = LifecycleStage.HOLDING_BUDGET;
    slurmJob = slurm.describeJob(job);
    try {
      return budget.placeHold(new HoldRequest(job, slurmJob));
    } catch (ActivityFailure e) {
      if (!isFailureType(e, FailureTypes.INSUFFICIENT_BUDGET)) {
        throw e;
      }
      // Slurm resumes a job held for budget only after someone released it: the next resume
      // tries the hold again
      resume.nodes().forEach(nodesInHand::remove);
      detail = "budget refused: " + ActivityFailures.messageOf(e);
      log.warn("{}: {}", job, detail);
      slurm.holdJob(job, "burstflow: insufficient budget for account " + slurmJob.account());
      slurm.markNodesDown(resume.nodes(), "(Code:InsufficientBudget)" + ActivityFailures.messageOf(e));
      stage = LifecycleStage.WAITING_FOR_HOOKS;
      return null;
    }
  }

  /**
   * One attempt: a child workflow launches all nodes or none (with its own compensation and
   * fail-over), then Slurm learns their addresses. When every pool failed, the nodes go down with
   * the EC2 reason so Slurm requeues the job at once instead of waiting for ResumeTimeout.
   */
  private void launchAttempt(JobKey job, List<String> nodes) {
    attempts++;
    stage = LifecycleStage.LAUNCHING_NODES;
    ProvisioningRequest request =
        new ProvisioningRequest(job, Workflow.getInfo().getWorkflowId(), attempts, slurmJob.partition(), nodes,
            spotNotices.purchasingOverride(), job.cluster());
    NodeProvisioningWorkflow provisioning =
        Workflow.newChildWorkflowStub(
            NodeProvisioningWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(NodeProvisioningWorkflow.workflowId(request))
                .setTaskQueue(TaskQueues.CORE)
                .build());
    try {
      LaunchedNodes result = provisioning.provision(request);
      slurm.setNodeAddresses(
          result.nodes().stream()
              .map(n -> new NodeAddress(n.node(), n.privateIp(), n.hostname()))
              .toList());
      int attempt = attempts;
      result.nodes().forEach(n -> launched.add(n.ofAttempt(attempt)));
      stage = LifecycleStage.RUNNING;
      detail = "attempt " + attempts + ": " + result.instanceIds().size() + " instances";
    } catch (ChildWorkflowFailure e) {
      String reason = slurmReason(e);
      detail = "attempt " + attempts + " failed: " + reason;
      log.warn("{}: {}", job, detail);
      nodes.forEach(nodesInHand::remove); // Slurm will resume them again for the requeued job
      slurm.markNodesDown(nodes, reason);
      stage = LifecycleStage.WAITING_FOR_HOOKS;
    }
  }

  /** "(Code:<EC2 code>)text" as ParallelCluster writes node reasons; Slurm caps the length. */
  private static String slurmReason(ChildWorkflowFailure e) {
    String type = ActivityFailures.typeOf(e, "LaunchFailed");
    String message = ActivityFailures.messageOf(e);
    String reason = message.startsWith("(Code:") ? message : "(Code:" + type + ")" + message;
    return reason.length() > 250 ? reason.substring(0, 250) : reason;
  }

  /**
   * A spot notice for an instance of the running attempt. A warning (or the instance vanishing)
   * drains its node, signals the job so it can checkpoint, requeues it and powers the attempt's
   * nodes down: Slurm then resumes nodes for the requeued job and that resume becomes the next
   * attempt of this workflow, on on-demand once the job was interrupted too often. A rebalance
   * recommendation only drains, unless the partition says otherwise. Notices for instances the
   * job no longer runs on (repeats, older attempts) change nothing.
   */
  private void reactToSpotNotice(JobKey job, SpotInterrupted notice) {
    // released histories never carried this signal: nothing of theirs runs through here
    if (Workflow.getVersion("spot-interruption", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    LaunchedNode instance = launched.stream()
        .filter(n -> n.instanceId().equals(notice.instanceId()) && n.attempt() == attempts && n.stoppedAt() == null)
        .findFirst().orElse(null);
    boolean drainOnly = notice.kind() == SpotNoticeKind.REBALANCE_RECOMMENDATION;
    if (instance == null || (drainOnly && spotNotices.wasDrained(notice.instanceId()))) {
      log.info("{}: spot notice {} for {} ignored: not an instance the job runs on now, or seen before",
          job, notice.kind(), notice.instanceId());
      return;
    }
    SpotPolicy policy = spotSettings.policyFor(slurmJob.partition());
    spotNotices.usePolicy(policy);
    String reason = spotReason(notice);
    slurm.drainNodes(List.of(instance.node()), reason);
    if (drainOnly && !policy.requeueOnRebalance()) {
      spotNotices.drained(notice.instanceId());
      recordSpot(notice, instance, "node drained, the job runs on");
      return;
    }
    if (!isRunning(job)) {
      recordSpot(notice, instance, "node drained; the job was no longer running");
      return;
    }
    tellJob(job, policy, notice);
    boolean requeued = slurm.requeueJob(job);
    if (!requeued) {
      // the job ends with its node; its instance is charged to the job's end like the others
      replaceLaunched(instance, instance.stopped(null, true));
      recordSpot(notice, instance,
          "not requeued: the job is not requeueable (--no-requeue or JobRequeue=0), so it fails with its node");
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    List<LaunchedNode> attemptNodes = launched.stream()
        .filter(n -> n.attempt() == attempts && n.stoppedAt() == null).toList();
    attemptNodes.forEach(n -> replaceLaunched(n, n.stopped(now, n.instanceId().equals(instance.instanceId()))));
    List<String> nodes = attemptNodes.stream().map(LaunchedNode::node).toList();
    slurm.markNodesDown(nodes, reason);
    nodes.forEach(nodesInHand::remove); // Slurm resumes nodes again for the requeued job
    spotNotices.interrupted();
    String next = spotNotices.purchasingOverride() == null ? "as configured" : "on on-demand";
    recordSpot(notice, instance, "requeued; nodes powered down, relaunch " + next);
    // histories recorded before hold top-ups existed replay without the activity call
    if (Workflow.getVersion("spot-hold-top-up", Workflow.DEFAULT_VERSION, 1) >= 1) {
      topUpHold(job, attemptNodes.stream().map(n -> n.stopped(now, false)).toList());
    }
    stage = LifecycleStage.WAITING_FOR_HOOKS;
  }

  /**
   * The interrupted attempt spent part of the first hold; the next attempt needs a whole run
   * again, so the hold grows by what was spent. A refusal does not strand a job Slurm already
   * requeued: it runs, and if it then costs more than was held the reconciliation flags the overrun.
   */
  private void topUpHold(JobKey job, List<LaunchedNode> givenUp) {
    try {
      HoldResult topUp = budget.topUpHold(new HoldTopUp(job, attempts + 1, new LaunchedNodes(givenUp)));
      log.info("{}: hold topped up by {} for attempt {}", job, topUp.held(), attempts + 1);
    } catch (ActivityFailure e) {
      if (!isFailureType(e, FailureTypes.INSUFFICIENT_BUDGET)) {
        throw e;
      }
      detail = detail + "; hold top-up refused: " + ActivityFailures.messageOf(e);
      log.warn("{}: {}", job, detail);
    }
  }

  /** The configured signal, then the checkpoint grace, never past the notice's two minutes. */
  private void tellJob(JobKey job, SpotPolicy policy, SpotInterrupted notice) {
    if (notice.kind() == SpotNoticeKind.INSTANCE_GONE) {
      return; // nothing left to checkpoint on
    }
    if (policy.signal() != null && !policy.signal().isBlank()) {
      slurm.signalJob(job, policy.signal(), policy.batchStepOnly());
    }
    Duration grace = policy.checkpointGrace() == null ? Duration.ZERO : policy.checkpointGrace();
    if (notice.noticeTime() != null) {
      // leave 30 s of the two minutes for the requeue and the power-down
      Instant latest = notice.noticeTime().plusSeconds(90);
      Duration left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), latest);
      grace = grace.compareTo(left) > 0 ? left : grace;
    }
    if (!grace.isNegative() && !grace.isZero()) {
      Workflow.sleep(grace);
    }
  }

  private boolean isRunning(JobKey job) {
    try {
      String state = slurm.describeJob(job).state();
      return "RUNNING".equals(state) || "CONFIGURING".equals(state);
    } catch (ActivityFailure e) {
      if (isFailureType(e, FailureTypes.BAD_INPUT)) {
        return false;
      }
      throw e;
    }
  }

  private void replaceLaunched(LaunchedNode old, LaunchedNode updated) {
    launched.set(launched.indexOf(old), updated);
  }

  private void recordSpot(SpotInterrupted notice, LaunchedNode instance, String outcome) {
    spotNotices.acted(new SpotInterruption(
        attempts, instance.instanceId(), instance.node(), notice.kind(), notice.noticeTime(), outcome));
    detail = "spot " + notice.kind().name().toLowerCase().replace('_', ' ') + " for " + instance.instanceId()
        + " (attempt " + attempts + "): " + outcome;
    log.warn("{}: {}", Workflow.getInfo().getWorkflowId(), detail);
  }

  /** "(Code:SpotInterruption)…" or "(Code:SpotRebalance)…", the node reason operators see. */
  private static String spotReason(SpotInterrupted notice) {
    String code = notice.kind() == SpotNoticeKind.REBALANCE_RECOMMENDATION ? "SpotRebalance" : "SpotInterruption";
    String reason = "(Code:" + code + ")" + notice.instanceId() + " "
        + (notice.detail() == null ? notice.kind().name().toLowerCase() : notice.detail())
        + (notice.noticeTime() == null ? "" : " at " + notice.noticeTime());
    return reason.length() > 250 ? reason.substring(0, 250) : reason;
  }

  /**
   * Whether Slurm is done with the job. A requeued job is pending again (held, if the budget
   * refused it); while the epilog runs it may still show COMPLETING, so that is looked at again.
   * A job Slurm no longer knows has ended.
   */
  private boolean hasEnded(JobKey job) {
    for (int look = 0; look < 20; look++) {
      String state;
      try {
        state = slurm.describeJob(job).state();
      } catch (ActivityFailure e) {
        if (isFailureType(e, FailureTypes.BAD_INPUT)) {
          return true;
        }
        throw e;
      }
      if (STILL_ALIVE_STATES.contains(state)) {
        return false;
      }
      if (!"COMPLETING".equals(state)) {
        return true;
      }
      Workflow.sleep(Duration.ofSeconds(3));
    }
    return true;
  }

  private static final Set<String> STILL_ALIVE_STATES =
      Set.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "SPECIAL_EXIT", "CONFIGURING", "RUNNING");

  /**
   * What the analysis needs from Slurm, asked right after the end: Slurm forgets a job's batch
   * script once MinJobAge has passed.
   */
  private AnalysisRequest analysisRequest(JobKey job, JobAccounting accounting) {
    Integer gpus = slurm.allocatedGpus(job);
    String scriptHash = slurm.batchScriptHash(job);
    return new AnalysisRequest(job, accounting, gpus, scriptHash);
  }

  /** The efficiency analysis; if it fails the report goes out without it and says so. */
  private JobAnalysis analyse(JobKey job, AnalysisRequest request) {
    stage = LifecycleStage.ANALYSING;
    try {
      return analysis.analyze(request);
    } catch (ActivityFailure e) {
      detail = "analysis failed: " + ActivityFailures.messageOf(e);
      log.error("{}: {}", job, detail);
      return null;
    }
  }

  /**
   * ASBX's performance feedback file and the {@code aws_meta} AdminComment of a burst job, with
   * every attempt's instances and which of them EC2 took. A failure after the activity's few tries
   * is noted in the status and the log and the report still goes out: the report is what the
   * user waits for, while the export only feeds other tools.
   */
  private void exportPerformance(JobKey job, JobAccounting accounting, ReconcileResult cost, JobAnalysis analysis) {
    // released histories predate the export: they replay without it
    if (Workflow.getVersion("performance-export", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    stage = LifecycleStage.EXPORTING;
    try {
      PerformanceExportResult result = export.export(new PerformanceExportRequest(
          job, accounting, new LaunchedNodes(launched), cost, analysis, spotNotices.acted()));
      log.info("{}: performance feedback {}; AdminComment {}", job, result.file(), result.adminComment());
    } catch (ActivityFailure e) {
      exportProblem = "performance export failed: " + ActivityFailures.messageOf(e);
      log.error("{}: {}", job, exportProblem);
    }
  }

  private boolean sendReport(JobKey job) {
    // from this version on the user's digest workflow e-mails the report (preferences, batching)
    if (Workflow.getVersion("report-delivery", Workflow.DEFAULT_VERSION, 1) >= 1) {
      DeliveryRouting routing = ReportRouting.queue(job);
      detail = routing.detail();
      return routing.queued();
    }
    try {
      DeliveryResult delivery = mail.emailReport(job);
      detail = "report sent to " + delivery.recipient();
      return true;
    } catch (ActivityFailure e) {
      // The report stays stored; the failure is visible in the status and the history.
      detail = "report e-mail failed: " + ActivityFailures.messageOf(e);
      log.error("{}: {}", job, detail);
      return false;
    }
  }

  @Override
  public void nodesResumed(NodesResumed event) {
    if (finished) {
      log.info("resume after the job ended, ignored: {}", event.nodes());
      return;
    }
    if (nodesInHand.containsAll(event.nodes())) {
      log.info("duplicate resume ignored: {}", event.nodes());
      return;
    }
    nodesInHand.addAll(event.nodes());
    pendingResumes.add(event);
  }

  @Override
  public void spotInterrupted(SpotInterrupted notice) {
    if (finished) {
      log.info("spot notice after the job ended, ignored: {}", notice);
      return;
    }
    spotNotices.accept(notice);
  }

  @Override
  public void jobEnded(JobEnded event) {
    if (!finished) {
      endReported = true;
    }
  }

  @Override
  public LifecycleStatus status() {
    return new LifecycleStatus(
        stage,
        List.copyOf(nodesInHand),
        launched.stream().map(LaunchedNode::instanceId).toList(),
        detail);
  }

  private static boolean isFailureType(ActivityFailure e, String type) {
    return type.equals(ActivityFailures.typeOf(e, "Unknown"));
  }
}
