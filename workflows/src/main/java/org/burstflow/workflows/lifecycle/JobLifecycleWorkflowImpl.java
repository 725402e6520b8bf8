package org.burstflow.workflows.lifecycle;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldRequest;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.report.DeliveryResult;
import org.burstflow.contracts.report.ReportActivities;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.NodeAddress;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.slurm.SlurmJob;
import org.slf4j.Logger;

/**
 * One Slurm job from its first hook to its report.
 *
 * <p>The hooks arrive as signals in any order and possibly twice: a resume for nodes that are
 * already being served is ignored, and only the first epilog counts. A job that never resumed
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
  private final CloudNodeActivities cloud =
      Workflow.newActivityStub(CloudNodeActivities.class, LifecycleActivityOptions.LAUNCH);
  private final CloudNodeActivities cloudCompensation =
      Workflow.newActivityStub(CloudNodeActivities.class, LifecycleActivityOptions.CORE);
  private final BudgetActivities budget =
      Workflow.newActivityStub(BudgetActivities.class, LifecycleActivityOptions.CORE);
  private final ReportActivities reports =
      Workflow.newActivityStub(ReportActivities.class, LifecycleActivityOptions.CORE);
  private final ReportActivities mail =
      Workflow.newActivityStub(ReportActivities.class, LifecycleActivityOptions.MAIL);

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
  private JobEnded ended;
  private int attempts;
  /**
   * The budget refused the job and it is held in Slurm. Requeueing runs the epilog, which then
   * does not mean the job ended.
   */
  private boolean awaitingRelease;
  /** The job as Slurm described it when its nodes were first resumed. */
  private SlurmJob slurmJob;

  @Override
  public JobOutcome run(JobKey job) {
    HoldResult hold = null;
    while (ended == null) {
      Workflow.await(() -> ended != null || !pendingResumes.isEmpty());
      if (ended != null) {
        break;
      }
      NodesResumed resume = pendingResumes.remove(0);
      // Slurm resumes a job held for budget only after someone released it: try the hold again.
      awaitingRelease = false;
      if (hold == null) {
        hold = holdBudget(job, resume);
        if (hold == null) {
          continue;
        }
      }
      launchAttempt(job, resume.nodes());
    }
    pendingResumes.clear();

    stage = LifecycleStage.COLLECTING_ACCOUNTING;
    JobAccounting accounting = slurm.readAccounting(job);

    ReconcileResult cost = null;
    if (hold != null) {
      stage = LifecycleStage.RECONCILING;
      LaunchedNodes allInstances = new LaunchedNodes(launched);
      cost = budget.reconcile(new ReconcileRequest(job, accounting, allInstances));
    }

    stage = LifecycleStage.REPORTING;
    LaunchedNodes reported = launched.isEmpty() ? null : new LaunchedNodes(launched);
    var report = reports.renderAndStore(new ReportInput(job, accounting, reported, cost));
    boolean sent = sendReport(job);

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
      awaitingRelease = true;
      resume.nodes().forEach(nodesInHand::remove);
      detail = "budget refused: " + messageOf(e);
      log.warn("{}: {}", job, detail);
      slurm.holdJob(job, "burstflow: insufficient budget for account " + slurmJob.account());
      slurm.markNodesDown(resume.nodes(), "(Code:InsufficientBudget)" + messageOf(e));
      stage = LifecycleStage.WAITING_FOR_HOOKS;
      return null;
    }
  }

  /**
   * One all-or-nothing launch of the job's nodes. Like the booking saga, the compensation is
   * registered before the call so an attempt of unknown outcome (a timeout) is cleaned up too.
   */
  private void launchAttempt(JobKey job, List<String> nodes) {
    attempts++;
    stage = LifecycleStage.LAUNCHING_NODES;
    String workflowId = Workflow.getInfo().getWorkflowId();
    Saga saga = new Saga(new Saga.Options.Builder().build());
    LaunchRequest request =
        new LaunchRequest(job, workflowId, attempts, slurmJob.partition(), nodes);
    try {
      saga.addCompensation(cloudCompensation::terminateLaunch, request);
      LaunchedNodes result = cloud.launchNodes(request);
      slurm.setNodeAddresses(
          result.nodes().stream()
              .map(n -> new NodeAddress(n.node(), n.privateIp(), n.hostname()))
              .toList());
      launched.addAll(result.nodes());
      stage = LifecycleStage.RUNNING;
      detail = "attempt " + attempts + ": " + result.instanceIds().size() + " instances";
    } catch (ActivityFailure e) {
      Workflow.newDetachedCancellationScope(saga::compensate).run();
      detail = "attempt " + attempts + " failed: " + messageOf(e);
      log.warn("{}: {}", job, detail);
      String code = failureType(e);
      nodes.forEach(nodesInHand::remove); // Slurm will resume them again for the requeued job
      slurm.markNodesDown(nodes, "(Code:" + code + ")" + messageOf(e));
      stage = LifecycleStage.WAITING_FOR_HOOKS;
    }
  }

  private boolean sendReport(JobKey job) {
    try {
      DeliveryResult delivery = mail.emailReport(job);
      detail = "report sent to " + delivery.recipient();
      return true;
    } catch (ActivityFailure e) {
      // The report stays stored; the failure is visible in the status and the history.
      detail = "report e-mail failed: " + messageOf(e);
      log.error("{}: {}", job, detail);
      return false;
    }
  }

  @Override
  public void nodesResumed(NodesResumed event) {
    if (ended != null) {
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
  public void jobEnded(JobEnded event) {
    if (awaitingRelease) {
      log.info("epilog of the requeue after a budget refusal, ignored");
      return;
    }
    if (ended == null) {
      ended = event;
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
    return type.equals(failureType(e));
  }

  private static String failureType(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure af ? af.getType() : "Unknown";
  }

  private static String messageOf(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure af
        ? af.getOriginalMessage()
        : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }
}
