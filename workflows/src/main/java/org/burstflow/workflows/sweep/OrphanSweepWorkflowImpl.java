package org.burstflow.workflows.sweep;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.BudgetRecoveryActivities;
import org.burstflow.contracts.budget.RecoveryReport;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.ManagedInstance;
import org.burstflow.contracts.cloud.OrphanTermination;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.sweep.OrphanSweepWorkflow;
import org.burstflow.contracts.sweep.SweepSettings;
import org.burstflow.contracts.sweep.SweepStatus;
import org.burstflow.workflows.common.ActivityPolicies;
import org.slf4j.Logger;

/**
 * The janitor: every interval, compares burstflow's instances with Slurm's nodes and terminates
 * the ones no node needs, then settles budget holds no lifecycle settled. Independent of any job's workflow, so it also catches what a lost or
 * failed workflow left behind. Continues as new after a number of passes, like the
 * safemessagepassing sample's entity workflow.
 */
public class OrphanSweepWorkflowImpl implements OrphanSweepWorkflow {

  private static final Logger log = Workflow.getLogger(OrphanSweepWorkflowImpl.class);

  private final CloudNodeActivities cloud =
      Workflow.newActivityStub(CloudNodeActivities.class, ActivityPolicies.coreUntilDone(Duration.ofMinutes(2)));
  private final SlurmActivities slurm =
      Workflow.newActivityStub(SlurmActivities.class, ActivityPolicies.slurmUntilDone(Duration.ofMinutes(1)));

  /** Holds no lifecycle settled: reconciled from sacct (a Slurm-host activity). */
  private final BudgetRecoveryActivities budgetRecovery =
      Workflow.newActivityStub(BudgetRecoveryActivities.class, ActivityPolicies.slurmUntilDone(Duration.ofMinutes(5)));

  private boolean sweepRequested;
  private int passes;
  private final List<OrphanTermination> terminated = new ArrayList<>();
  /** Lost instances already told to their lifecycle in this run. */
  private final Set<String> reportedLost = new HashSet<>();

  @Override
  public void sweep(SweepSettings settings) {
    while (passes < settings.passesPerRun()) {
      Workflow.await(settings.interval(), () -> sweepRequested);
      sweepRequested = false;
      onePass(settings);
      // runs recorded before lost instances were looked for replay without the extra activity
      if (Workflow.getVersion("sweep-lost-instances", Workflow.DEFAULT_VERSION, 1) >= 1) {
        reportLostInstances(settings.cluster());
      }
      RecoveryReport recovered = budgetRecovery.recoverOrphanedHolds();
      log.info("budget recovery: {}", recovered);
      passes++;
    }
    Workflow.continueAsNew(settings);
  }

  private void onePass(SweepSettings settings) {
    List<ManagedInstance> instances = cloud.listManagedInstances(settings.cluster());
    if (instances.isEmpty()) {
      return;
    }
    Map<String, String> nodeStates = slurm.nodeStates();
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    List<OrphanTermination> orphans = OrphanRules.orphans(instances, nodeStates, settings, now);
    if (orphans.isEmpty()) {
      return;
    }
    orphans.forEach(o -> log.warn("orphan {} ({}): {}", o.instanceId(), o.node(), o.reason()));
    cloud.terminateOrphans(orphans);
    terminated.addAll(orphans);
  }

  /**
   * An instance EC2 took away without a notice reaching us (or with one lost) is told to its
   * job's lifecycle as if the notice had come: the job is requeued and relaunched the same way.
   * The lifecycle ignores instances it no longer runs on, and a finished lifecycle cannot be
   * signalled at all, so telling it twice or too late is harmless.
   */
  private void reportLostInstances(String cluster) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    for (ManagedInstance lost : cloud.listLostInstances(cluster)) {
      String workflowId = lost.workflowId();
      if (workflowId == null || !workflowId.startsWith(JobKey.LIFECYCLE_PREFIX) || !reportedLost.add(lost.instanceId())) {
        continue;
      }
      log.warn("instance {} of {} lost ({}): telling its lifecycle", lost.instanceId(), workflowId, lost.state());
      try {
        Workflow.newExternalWorkflowStub(JobLifecycleWorkflow.class, workflowId)
            .spotInterrupted(new SpotInterrupted("sweep-" + lost.instanceId(), lost.instanceId(),
                SpotNoticeKind.INSTANCE_GONE, now, "sweep", lost.state()));
      } catch (ApplicationFailure e) {
        // the SDK reports a signal to a closed or unknown workflow as this failure type
        if (!e.getType().endsWith("EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND")) {
          throw e;
        }
        log.info("lifecycle {} is closed; lost instance {} needs nothing more", workflowId, lost.instanceId());
      }
    }
  }

  @Override
  public void sweepNow() {
    sweepRequested = true;
  }

  @Override
  public SweepStatus status() {
    return new SweepStatus(passes, List.copyOf(terminated));
  }
}
