package org.burstflow.workflows.sweep;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.budget.BudgetRecoveryActivities;
import org.burstflow.contracts.budget.RecoveryReport;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.ManagedInstance;
import org.burstflow.contracts.cloud.OrphanTermination;
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

  @Override
  public void sweep(SweepSettings settings) {
    while (passes < settings.passesPerRun()) {
      Workflow.await(settings.interval(), () -> sweepRequested);
      sweepRequested = false;
      onePass(settings);
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

  @Override
  public void sweepNow() {
    sweepRequested = true;
  }

  @Override
  public SweepStatus status() {
    return new SweepStatus(passes, List.copyOf(terminated));
  }
}
