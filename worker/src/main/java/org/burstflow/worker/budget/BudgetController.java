package org.burstflow.worker.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.burstflow.activities.budget.BudgetAccount;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.CostModel;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.HoldOrder;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.UnknownAccountException;
import org.burstflow.activities.budget.WallTime;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.budget.RecoveryReport;
import org.burstflow.worker.budget.CheckApi.CheckRequest;
import org.burstflow.worker.budget.CheckApi.CheckResponse;
import org.burstflow.worker.budget.CheckApi.Details;
import org.burstflow.worker.budget.CheckApi.ReconcileRequest;
import org.burstflow.worker.budget.CheckApi.ReconcileResponse;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** ASBB's {@code /api/v1/budget/check} and {@code /reconcile}, and on-demand recovery. */
@RestController
class BudgetController {

  private final HoldLedger ledger;
  private final BudgetAccounts accounts;
  private final PartitionPricing pricing;
  private final BudgetRecovery recovery;
  private final BurstflowProperties props;

  BudgetController(HoldLedger ledger, BudgetAccounts accounts, PartitionPricing pricing, BudgetRecovery recovery,
      BurstflowProperties props) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.pricing = pricing;
    this.recovery = recovery;
    this.props = props;
  }

  /**
   * Estimates and holds. Like ASBB, a hold the account cannot cover is HTTP 200 with {@code
   * available:false} and nothing written; an inactive or expired account is a 402 error.
   */
  @PostMapping(path = "/api/v1/budget/check", consumes = "application/json")
  CheckResponse check(@RequestBody CheckRequest r) {
    require(r.account(), "account");
    require(r.partition(), "partition");
    if (r.nodes() == null || r.nodes() < 1) {
      throw ApiException.validation("nodes", "nodes must be at least 1");
    }
    if (r.cpus() == null || r.cpus() < 1) {
      throw ApiException.validation("cpus", "cpus must be at least 1");
    }
    Duration wallTime;
    try {
      wallTime = WallTime.parse(r.wallTime());
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("wall_time", e.getMessage());
    }
    PartitionRate rate = pricing.of(r.partition()).orElseThrow(() -> ApiException.validation("partition",
        "no price for partition '" + r.partition() + "' (no node group or local rates configured)"));
    int gpus = r.gpus() == null ? 0 : r.gpus();
    BigDecimal estimate = CostModel.estimate(rate, r.nodes(), r.cpus(), gpus, wallTime);
    BigDecimal buffer = props.budget().holdBuffer();
    HoldOrder order = r.jobId() == null
        ? HoldOrder.withoutJob(r.account(), r.partition(), estimate, buffer)
        : HoldOrder.forJob(new JobKey(r.cluster() == null ? props.cluster() : r.cluster(), r.jobId()),
            r.attempt() == null ? 1 : r.attempt(), r.account(), r.partition(), estimate, buffer);
    try {
      HoldResult hold = ledger.hold(order);
      return response(true, hold.estimate(), hold.held(), hold.transactionId(), "hold placed", r);
    } catch (InsufficientBudgetException e) {
      if (e.reason() != InsufficientBudgetException.Reason.INSUFFICIENT_BUDGET
          && e.reason() != InsufficientBudgetException.Reason.PARTITION_LIMIT_EXCEEDED) {
        throw e;
      }
      BigDecimal held = estimate.multiply(buffer).setScale(CostModel.MONEY_SCALE, RoundingMode.HALF_UP);
      return response(false, estimate, held, null, e.getMessage(), r);
    }
  }

  private CheckResponse response(
      boolean available, BigDecimal estimate, BigDecimal held, String txn, String message, CheckRequest r) {
    BudgetAccount account = accounts.get(r.account()).orElseThrow(() -> new UnknownAccountException(r.account()));
    return new CheckResponse(available, estimate, held, txn, message, account.available(),
        available ? null : "wait for running jobs to settle, or ask the account owner to raise the limit",
        new Details(account.available(), account.held(), null, account.partitionLimits().get(r.partition()),
            props.budget().holdBuffer()));
  }

  @PostMapping(path = "/api/v1/budget/reconcile", consumes = "application/json")
  ReconcileResponse reconcile(@RequestBody ReconcileRequest r) {
    require(r.transactionId(), "transaction_id");
    if (r.actualCost() == null || r.actualCost().signum() < 0) {
      throw ApiException.validation("actual_cost", "actual_cost is required and must be ≥ 0");
    }
    ReconcileResult result = ledger.reconcile(r.transactionId(), r.actualCost(), r.jobMetadata());
    return reconcileResponse(result);
  }

  static ReconcileResponse reconcileResponse(ReconcileResult result) {
    BigDecimal difference = result.released().subtract(result.charged());
    return new ReconcileResponse(true, result.held(), result.charged(), difference.max(BigDecimal.ZERO),
        difference.negate().max(BigDecimal.ZERO), result.transactionId(),
        result.overrun() ? "charged in full: the job cost more than its hold (overrun alerted)" : "reconciled",
        result.overrun(), result.variance(), result.estimationAccuracy());
  }

  /** On demand what the orphan sweep does: {@code burstflow budget recover}. */
  @PostMapping("/api/v1/budget/recover")
  CheckApi.RecoveryResponse recover() {
    RecoveryReport r = recovery.recover();
    return new CheckApi.RecoveryResponse(r.reconciled().stream().map(CheckApi.SettledHold::of).toList(),
        r.released().stream().map(CheckApi.SettledHold::of).toList(), r.stillOpen(), r.errors());
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.validation(field, field + " is required");
    }
  }
}
