package org.burstflow.activities.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.BudgetActivities;
import org.burstflow.contracts.budget.HoldRequest;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.slurm.SlurmJob;

/** Activity adapter over {@link HoldLedger} and {@link CostModel}. */
public class BudgetActivitiesImpl implements BudgetActivities {

  private final HoldLedger ledger;
  private final Function<String, NodeGroup> nodeGroupOfPartition;
  private final BigDecimal holdBuffer;
  private final Duration defaultTimeLimit;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param holdBuffer hold = estimate × buffer (ASBB's 1.2 by default)
   * @param defaultTimeLimit used for the estimate when a job's time limit is UNLIMITED
   */
  public BudgetActivitiesImpl(
      HoldLedger ledger,
      Function<String, NodeGroup> nodeGroupOfPartition,
      BigDecimal holdBuffer,
      Duration defaultTimeLimit) {
    this.ledger = ledger;
    this.nodeGroupOfPartition = nodeGroupOfPartition;
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
    NodeGroup group = nodeGroupOfPartition.apply(job.partition());
    if (group == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no node group (and so no price) for partition '" + job.partition() + "'", FailureTypes.BAD_INPUT);
    }
    Duration limit = job.timeLimit() == null ? defaultTimeLimit : job.timeLimit();
    BigDecimal estimate = CostModel.estimate(job.numNodes(), limit, group.hourlyPrice());
    try {
      return ledger.hold(request.job(), job.account(), estimate, holdBuffer);
    } catch (InsufficientBudgetException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INSUFFICIENT_BUDGET);
    } catch (UnknownAccountException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.INSUFFICIENT_BUDGET);
    }
  }

  @Override
  public ReconcileResult reconcile(ReconcileRequest request) {
    CostModel.ActualCost actual = CostModel.actual(request.accounting(), request.launched());
    return ledger.reconcile(request.job(), actual.total(), toJson(actual));
  }

  @Override
  public void releaseHold(JobKey job) {
    ledger.release(job);
  }

  private String toJson(CostModel.ActualCost actual) {
    try {
      return json.writeValueAsString(Map.of("total", actual.total(), "instances", actual.instances()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
