package org.burstflow.worker.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.budget.RecoveredHold;

/** Bodies of {@code POST /api/v1/budget/check} and {@code /reconcile}, in ASBB's shapes. */
final class CheckApi {

  /**
   * ASBB's request; {@code job_id}, {@code cluster} and {@code attempt} are burstflow's
   * additions: with a job id the hold is idempotent per job (without, each call is a new hold).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CheckRequest(
      String account, String partition, Integer nodes, Integer cpus, Integer gpus, String memory,
      String wallTime, String jobScript, String userId, Map<String, Object> jobDetails,
      Long jobId, String cluster, Integer attempt) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CheckResponse(
      boolean available, BigDecimal estimatedCost, BigDecimal holdAmount, String transactionId, String message,
      BigDecimal budgetRemaining, String recommendation, Details details) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Details(
      BigDecimal accountBalance, BigDecimal currentHold, BigDecimal partitionUsed, BigDecimal partitionLimit,
      BigDecimal holdPercentage) {}

  /** ASBB's request; {@code transaction_id} is the hold's. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ReconcileRequest(String jobId, BigDecimal actualCost, String transactionId, String jobMetadata) {}

  /** ASBB's response, plus burstflow's overrun flag, variance and estimation accuracy. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReconcileResponse(
      boolean success, BigDecimal originalHold, BigDecimal actualCharge, BigDecimal refundAmount,
      BigDecimal additionalCharge, String transactionId, String message, boolean overrun, BigDecimal variance,
      BigDecimal estimationAccuracy) {}

  /** One recovery pass, in the API's snake_case. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record RecoveryResponse(
      List<SettledHold> reconciled, List<SettledHold> released, int stillOpen,
      List<String> errors) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SettledHold(
      String transactionId, String account, String cluster, long jobId, String sacctState, BigDecimal held,
      BigDecimal charged) {

    static SettledHold of(RecoveredHold h) {
      return new SettledHold(h.transactionId(), h.account(), h.cluster(), h.jobId(), h.sacctState(), h.held(),
          h.charged());
    }
  }

  private CheckApi() {}
}
