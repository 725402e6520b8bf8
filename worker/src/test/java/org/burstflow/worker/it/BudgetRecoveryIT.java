package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.HoldOrder;
import org.burstflow.activities.budget.JobEndLookup;
import org.burstflow.activities.budget.LedgerAudit;
import org.burstflow.activities.budget.OpenHolds;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.SacctJobEndLookup;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.RecoveredHold;
import org.burstflow.contracts.budget.RecoveryReport;
import org.junit.jupiter.api.Test;

/**
 * Recovery against MariaDB, with sacct's answers replayed from recorded output through the
 * product's own parser and classifier (no Slurm jobs are submitted).
 */
class BudgetRecoveryIT {

  private static final String HEADER =
      "JobID|JobIDRaw|User|Account|Partition|State|ExitCode|Start|End|Elapsed|Timelimit|NNodes|AllocCPUS|NodeList|TotalCPU|ReqMem|MaxRSS|AllocTRES|JobName\n";
  /** Recorded sacct output by job id; a job missing here is one sacct does not know. */
  private static final Map<Long, String> SACCT = Map.of(
      4242L, HEADER
          + "4242|4242|alice|chem-lab|cloud|COMPLETED|0:0|2026-11-23T04:30:00|2026-11-23T05:00:00|00:30:00|01:00:00|2|8|burst-[1-2]|03:00:00|8000M||billing=8,cpu=8,mem=8000M,node=2|md-run\n"
          + "4242.batch|4242.batch||||COMPLETED|0:0|2026-11-23T04:30:00|2026-11-23T05:00:00|00:30:00||1|4|burst-1|00:00.512||20264K|cpu=4,mem=4000M,node=1|batch\n",
      4300L, HEADER
          + "4300|4300|bob|physics|cloud|RUNNING|0:0|2026-11-23T06:00:00|Unknown|00:12:34|02:00:00|1|4|burst-3|00:00:00|4G||billing=4,cpu=4,mem=4G,node=1|sim\n",
      4400L, HEADER
          + "4400|4400|dan|chem-lab|local|CANCELLED by 0|0:0|None|2026-11-23T05:00:00|00:00:00|01:00:00|0|0|None assigned|00:00:00|4G||billing=4|never\n",
      4500L, HEADER
          + "4500|4500|erin|chem-lab|local|TIMEOUT|0:0|2026-11-23T03:00:00|2026-11-23T05:00:00|02:00:00|02:00:00|1|4|node1|07:00:00|4G||billing=4,cpu=4,node=1|long\n");

  private final DataSource db = LedgerDatabase.migrated();
  private final HoldLedger ledger = new HoldLedger(db);
  private final String cluster = LedgerDatabase.uniqueName("rec");
  private final String account = "acct-" + cluster;
  private final PartitionPricing pricing = new PartitionPricing(Map.of(
      "cloud", new PartitionRate.Burst("c5.large", new BigDecimal("0.085")),
      "local", new PartitionRate.Local(new BigDecimal("0.05"), new BigDecimal("0.10"), new BigDecimal("2.50"),
          new BigDecimal("1.3"), new BigDecimal("1.2"))));
  private final JobEndLookup recordedSacct = job -> SacctJobEndLookup.classify(
      SacctParser.parse(SACCT.getOrDefault(job.jobId(), HEADER)), job, ZoneOffset.UTC);

  private BudgetRecovery recoveryAt(Duration later) {
    return new BudgetRecovery(ledger, new OpenHolds(db),
        recordedSacct, pricing, cluster, Duration.ofHours(2), Duration.ofHours(48),
        Clock.fixed(Instant.now().plus(later), ZoneOffset.UTC));
  }

  private void hold(long job, String partition) {
    ledger.hold(HoldOrder.forJob(new JobKey(cluster, job), 1, account, partition, new BigDecimal("1"), new BigDecimal("1.2")));
  }

  @Test
  void settlesEndedJobsFromSacctAndReleasesUnknownOnesOnlyLater() {
    ledger.ensureAccount(account, new BigDecimal("100"));
    hold(4242, "cloud"); // completed burst job
    hold(4300, "cloud"); // still running
    hold(4400, "local"); // cancelled before it started
    hold(4500, "local"); // timed out after 2 h on local nodes
    hold(4600, "cloud"); // sacct has never heard of it

    assertEquals(new RecoveryReport(List.of(), List.of(), 0, List.of()), recoveryAt(Duration.ofMinutes(30)).recover(),
        "nothing is touched within the grace period");

    RecoveryReport first = recoveryAt(Duration.ofHours(3)).recover();
    assertEquals(List.of(), first.errors());
    assertEquals(2, first.stillOpen(), "the running job and the unknown one (not yet 48 h)");
    assertEquals(List.of(), first.released());
    Map<Long, RecoveredHold> byJob = new java.util.HashMap<>();
    first.reconciled().forEach(r -> byJob.put(r.jobId(), r));
    assertEquals(new BigDecimal("0.0850"), byJob.get(4242L).charged(), "2 nodes × 0.5 h × 0.085");
    assertEquals(new BigDecimal("0.0000"), byJob.get(4400L).charged(), "never started: nothing charged");
    // (4 CPUs × 0.05 + 1 node × 0.10) × 1.5 overhead × 2 h
    assertEquals(new BigDecimal("0.9000"), byJob.get(4500L).charged());
    assertEquals("TIMEOUT", byJob.get(4500L).sacctState());

    RecoveryReport later = recoveryAt(Duration.ofHours(49)).recover();
    assertEquals(1, later.released().size());
    assertEquals(4600L, later.released().get(0).jobId());
    assertEquals(List.of(), later.reconciled(), "settled holds are not settled twice");
    assertEquals(1, later.stillOpen());
    assertEquals(1, LedgerDatabase.count(
        "SELECT COUNT(*) FROM budget_alert WHERE account = ? AND alert_type = 'orphan_released'", account));

    var balance = ledger.balance(account);
    assertEquals(new BigDecimal("0.9850"), balance.used());
    assertEquals(new BigDecimal("1.2000"), balance.held(), "only the running job's hold remains");
    assertTrue(new LedgerAudit(db).problems(account, balance).isEmpty());
  }
}
