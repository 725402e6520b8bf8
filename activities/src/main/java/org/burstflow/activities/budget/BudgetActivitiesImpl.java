package org.burstflow.activities.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldRequest;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.HoldTopUp;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.SlurmJob;

/** Activity adapter over {@link HoldLedger} and {@link CostModel}. */
public class BudgetActivitiesImpl implements BudgetActivities {

  private final HoldLedger ledger;
  private final PartitionPricing pricing;
  private final BigDecimal holdBuffer;
  private final Duration defaultTimeLimit;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param holdBuffer hold = estimate × buffer (ASBB's 1.2 by default)
   * @param defaultTimeLimit used for the estimate when a job's time limit is UNLIMITED
   */
  public BudgetActivitiesImpl(
      HoldLedger ledger, PartitionPricing pricing, BigDecimal holdBuffer, Duration defaultTimeLimit) {
    this.ledger = ledger;
    this.pricing = pricing;
    this.holdBuffer = holdBuffer;
    this.defaultTimeLimit = defaultTimeLimit;
  }

  @Override
  public HoldResult placeHold(HoldRequest request) {
    SlurmJob job = request.slurmJob();
    if (job.account() == null || job.account().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "job " + request.job() + " has no Slurm account to charge", FailureTypes.BAD_INPUT);
    }
    PartitionRate rate = pricing.of(job.partition()).orElseThrow(() ->
        ApplicationFailure.newNonRetryableFailure(
            "no price for partition '" + job.partition() + "' (no node group or local rates configured)",
            FailureTypes.BAD_INPUT));
    Duration limit = job.timeLimit() == null ? defaultTimeLimit : job.timeLimit();
    BigDecimal estimate = CostModel.estimate(rate, job.numNodes(), job.numCpus(), 0, limit);
    try {
      return ledger.hold(HoldOrder.forJob(request.job(), LedgerKeys.LIFECYCLE_ATTEMPT, job.account(),
          job.partition(), estimate, holdBuffer));
    } catch (InsufficientBudgetException | UnknownAccountException e) {
      // Every refusal, whatever its reason, means the same to the workflow: hold the job in Slurm.
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INSUFFICIENT_BUDGET);
    }
  }

  /**
   * A job that never started (cancelled while pending, or its launch failed and it was then
   * cancelled) is not charged: reconciling it at zero releases the whole hold, and the result
   * stays idempotent like any other reconciliation. Otherwise it is charged what it cost.
   */
  @Override
  public ReconcileResult reconcile(ReconcileRequest request) {
    JobAccounting accounting = request.accounting();
    boolean launchedNothing = request.launched() == null || request.launched().nodes().isEmpty();
    if (accounting.start() == null && launchedNothing) {
      return ledger.reconcile(request.job(), BigDecimal.ZERO, toJson(Map.of("total", BigDecimal.ZERO,
          "basis", "never started: hold released, nothing charged")));
    }
    CostModel.ActualCost actual = actualCost(request);
    Map<String, Object> breakdown = new LinkedHashMap<>();
    breakdown.put("total", actual.total());
    breakdown.put("instances", actual.instances());
    return ledger.reconcile(request.job(), actual.total(), toJson(breakdown));
  }

  private CostModel.ActualCost actualCost(ReconcileRequest request) {
    if (request.launched() != null && !request.launched().nodes().isEmpty()) {
      return CostModel.actual(request.accounting(), request.launched());
    }
    PartitionRate rate = pricing.of(request.accounting().partition()).orElse(null);
    if (rate instanceof PartitionRate.Local local) {
      return CostModel.localActual(request.accounting(), local);
    }
    throw ApplicationFailure.newNonRetryableFailure("job " + request.job() + " ran on partition '"
        + request.accounting().partition() + "' with no launched instances and no local rates to price it",
        FailureTypes.BAD_INPUT);
  }

  @Override
  public HoldResult topUpHold(HoldTopUp request) {
    BigDecimal spent = CostModel.spentBeforeGivenUp(request.givenUp());
    String why = "top-up for attempt " + request.attempt() + " of job " + request.job() + ": attempt "
        + (request.attempt() - 1) + " spent " + spent.toPlainString() + " before it was interrupted";
    try {
      return ledger.topUp(request.job(), request.attempt(), spent, why);
    } catch (InsufficientBudgetException | UnknownAccountException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INSUFFICIENT_BUDGET);
    } catch (UnknownHoldException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.BAD_INPUT);
    }
  }

  @Override
  public void releaseHold(JobKey job) {
    ledger.release(job);
  }

  private String toJson(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
