package org.burstflow.activities.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.budget.RecoveredHold;
import org.burstflow.contracts.budget.RecoveryReport;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Settles orphaned holds against ground truth (sacct), never on age alone: ASBB's recovery
 * looked only at hold age and statuses that could not occur. A hold whose job ended is
 * reconciled from sacct after {@code grace}; a hold whose job sacct has never heard of is
 * released, and alerted, only after the longer {@code unknownAfter}.
 */
public class BudgetRecovery {

  private final HoldLedger ledger;
  private final OpenHolds openHolds;
  private final JobEndLookup jobs;
  private final PartitionPricing pricing;
  private final String cluster;
  private final Duration grace;
  private final Duration unknownAfter;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public BudgetRecovery(HoldLedger ledger, OpenHolds openHolds, JobEndLookup jobs, PartitionPricing pricing,
      String cluster, Duration grace, Duration unknownAfter, Clock clock) {
    if (unknownAfter.compareTo(grace) < 0) {
      throw new IllegalArgumentException("the unknown-job period must be at least the grace period");
    }
    this.ledger = ledger;
    this.openHolds = openHolds;
    this.jobs = jobs;
    this.pricing = pricing;
    this.cluster = cluster;
    this.grace = grace;
    this.unknownAfter = unknownAfter;
    this.clock = clock;
  }

  public RecoveryReport recover() {
    Instant now = clock.instant();
    List<RecoveredHold> reconciled = new ArrayList<>();
    List<RecoveredHold> released = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int stillOpen = 0;
    for (Operation hold : openHolds.of(cluster, now.minus(grace))) {
      JobKey job = new JobKey(hold.cluster(), hold.jobId());
      try {
        JobEndLookup.JobEnd end = jobs.lookup(job);
        if (end instanceof JobEndLookup.Ended ended) {
          reconciled.add(reconcile(hold, ended.accounting()));
        } else if (end instanceof JobEndLookup.Unknown && hold.createdAt().isBefore(now.minus(unknownAfter))) {
          if (ledger.releaseOrphan(hold.transactionId(), "job " + job + " unknown to sacct after " + unknownAfter)) {
            released.add(new RecoveredHold(hold.transactionId(), hold.account(), job.cluster(), job.jobId(),
                "UNKNOWN", hold.amount(), BigDecimal.ZERO));
          }
        } else {
          stillOpen++;
        }
      } catch (RuntimeException e) {
        errors.add(hold.transactionId() + ": " + e.getMessage());
      }
    }
    return new RecoveryReport(reconciled, released, stillOpen, errors);
  }

  private RecoveredHold reconcile(Operation hold, JobAccounting accounting) {
    CostModel.ActualCost actual = actual(hold, accounting);
    Map<String, Object> breakdown = new LinkedHashMap<>();
    breakdown.put("total", actual.total());
    breakdown.put("basis", "recovered from sacct: " + accounting.state() + ", " + accounting.allocNodes()
        + " nodes × " + accounting.elapsed());
    ReconcileResult r = ledger.reconcile(hold.transactionId(), actual.total(), toJson(breakdown));
    return new RecoveredHold(hold.transactionId(), hold.account(), hold.cluster(), hold.jobId(),
        accounting.state(), hold.amount(), r.charged());
  }

  /** A job that never started costs nothing; otherwise its partition's rate × what sacct says. */
  private CostModel.ActualCost actual(Operation hold, JobAccounting accounting) {
    if (accounting.start() == null) {
      return new CostModel.ActualCost(BigDecimal.ZERO.setScale(CostModel.MONEY_SCALE), List.of());
    }
    String partition = hold.partition() != null ? hold.partition() : accounting.partition();
    PartitionRate rate = pricing.of(partition).orElseThrow(() ->
        new IllegalStateException("no price for partition '" + partition + "'; hold left open"));
    return rate instanceof PartitionRate.Burst burst
        ? CostModel.burstActualFromSacct(accounting, burst)
        : CostModel.localActual(accounting, (PartitionRate.Local) rate);
  }

  private String toJson(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
