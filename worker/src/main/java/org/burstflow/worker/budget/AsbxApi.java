package org.burstflow.worker.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** ASBB's ASBX integration bodies ({@code pkg/api/asbx_integration.go}), the fields we use. */
final class AsbxApi {

  /** ASBXEpilogRequest; times are Unix seconds. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record EpilogRequest(
      String jobId, String account, String partition, String userId, String jobState, Integer exitCode,
      Long submitTime, Long startTime, Long endTime, Integer allocatedNodes, Integer allocatedCpus,
      Integer allocatedGpus, String cluster) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EpilogResponse(
      boolean success, String jobId, boolean reconciliationTriggered, String reconciliationId, String message,
      List<String> nextSteps, String dataImportStatus, String errorDetails) {}

  /** ASBXJobCostData, the fields reconciliation needs. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record JobCostData(
      String jobId, String slurmJobId, String account, String partition, String jobState, BigDecimal estimatedCost,
      BigDecimal actualCost, Map<String, BigDecimal> costBreakdown, String budgetTransactionId, String cluster) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ReconciliationRequest(
      JobCostData jobCostData, boolean autoReconcile, boolean updateCostModel, boolean generateReport,
      boolean notifyStakeholders) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReconciliationResponse(
      boolean success, String reconciliationId, String originalTransaction, BigDecimal estimatedCost,
      BigDecimal actualCost, BigDecimal costVariance, BigDecimal costVariancePct, BigDecimal refundAmount,
      BigDecimal additionalCharge, BigDecimal estimationAccuracy, boolean modelUpdateApplied, String message,
      List<String> warnings) {}

  /** ASBXIntegrationStatus with figures from the journal. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record IntegrationStatus(
      String asbxVersion, boolean integrationEnabled, Instant lastDataImport, long totalJobsReconciled,
      long successfulReconciliations, long failedReconciliations, long overruns,
      BigDecimal averageReconciliationTime, BigDecimal costModelAccuracy, Instant lastHealthCheck,
      String healthStatus) {}

  private AsbxApi() {}
}
