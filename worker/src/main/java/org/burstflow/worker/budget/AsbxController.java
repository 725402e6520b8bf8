package org.burstflow.worker.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.burstflow.activities.budget.CostModel;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.LedgerKeys;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.ReconciliationStats;
import org.burstflow.activities.budget.UnknownHoldException;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.worker.budget.AsbxApi.EpilogRequest;
import org.burstflow.worker.budget.AsbxApi.EpilogResponse;
import org.burstflow.worker.budget.AsbxApi.IntegrationStatus;
import org.burstflow.worker.budget.AsbxApi.ReconciliationRequest;
import org.burstflow.worker.budget.AsbxApi.ReconciliationResponse;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * ASBB's ASBX endpoints, which were 501 stubs there. The epilog reconciles the job's hold from
 * its allocation × elapsed at the partition's rate; the reconcile takes an ASBXJobCostData's
 * actual cost. Both are idempotent: they settle the hold {@code hold:<cluster>:<job>:1} once.
 */
@RestController
class AsbxController {

  private final HoldLedger ledger;
  private final PartitionPricing pricing;
  private final ReconciliationStats stats;
  private final BurstflowProperties props;
  private final ObjectMapper json;

  AsbxController(HoldLedger ledger, PartitionPricing pricing, ReconciliationStats stats, BurstflowProperties props,
      ObjectMapper json) {
    this.ledger = ledger;
    this.pricing = pricing;
    this.stats = stats;
    this.props = props;
    this.json = json;
  }

  @PostMapping(path = "/api/v1/asbx/epilog", consumes = "application/json")
  EpilogResponse epilog(@RequestBody EpilogRequest r) {
    JobKey job = job(r.cluster(), r.jobId(), "job_id");
    String hold = LedgerKeys.hold(job, LedgerKeys.LIFECYCLE_ATTEMPT);
    if (r.startTime() == null || r.endTime() == null || r.allocatedNodes() == null) {
      throw ApiException.validation("start_time", "start_time, end_time and allocated_nodes are required");
    }
    PartitionRate rate = pricing.of(r.partition()).orElseThrow(() -> ApiException.validation("partition",
        "no price for partition '" + r.partition() + "'"));
    Duration elapsed = Duration.ofSeconds(Math.max(0, r.endTime() - r.startTime()));
    int cpus = r.allocatedCpus() == null ? 0 : r.allocatedCpus();
    int gpus = r.allocatedGpus() == null ? 0 : r.allocatedGpus();
    BigDecimal actual = r.startTime() == 0 ? BigDecimal.ZERO
        : CostModel.estimate(rate, r.allocatedNodes(), cpus, gpus, elapsed);
    try {
      ReconcileResult result = ledger.reconcile(hold, actual, toJson(Map.of("total", actual,
          "basis", "ASBX epilog: " + r.allocatedNodes() + " nodes × " + elapsed + ", state " + r.jobState())));
      return new EpilogResponse(true, r.jobId(), true, result.transactionId(),
          "charged " + result.charged() + ", released " + result.released(), null, "completed", null);
    } catch (UnknownHoldException e) {
      return new EpilogResponse(true, r.jobId(), false, null, "no budget hold for job " + job + ": nothing to reconcile",
          null, "skipped", null);
    }
  }

  @PostMapping(path = "/api/v1/asbx/reconcile", consumes = "application/json")
  ReconciliationResponse reconcile(@RequestBody ReconciliationRequest r) {
    AsbxApi.JobCostData d = r.jobCostData();
    if (d == null || d.actualCost() == null || d.actualCost().signum() < 0) {
      throw ApiException.validation("job_cost_data.actual_cost", "job_cost_data with actual_cost ≥ 0 is required");
    }
    String hold = d.budgetTransactionId() != null ? d.budgetTransactionId()
        : LedgerKeys.hold(job(d.cluster(), Optional.ofNullable(d.slurmJobId()).orElse(d.jobId()), "job_id"),
            LedgerKeys.LIFECYCLE_ATTEMPT);
    String breakdown = toJson(d.costBreakdown() == null ? Map.of("total", d.actualCost())
        : Map.of("total", d.actualCost(), "cost_breakdown", d.costBreakdown()));
    ReconcileResult result = ledger.reconcile(hold, d.actualCost(), breakdown);
    BigDecimal difference = result.released().subtract(result.charged());
    List<String> warnings = new ArrayList<>();
    BigDecimal pct = null;
    if (result.variance() != null && result.estimate().signum() > 0) {
      pct = result.variance().multiply(BigDecimal.valueOf(100)).divide(result.estimate(), 2, RoundingMode.HALF_UP);
      if (pct.abs().compareTo(BigDecimal.valueOf(50)) > 0) {
        warnings.add("actual cost differs from the estimate by " + pct + " %");
      }
    }
    if (result.overrun()) {
      warnings.add("the job cost more than its hold; charged in full and alerted");
    }
    return new ReconciliationResponse(true, result.transactionId(), hold, result.estimate(), result.charged(),
        result.variance(), pct, difference.max(BigDecimal.ZERO), difference.negate().max(BigDecimal.ZERO),
        result.estimationAccuracy(), false, "reconciled", warnings);
  }

  @GetMapping("/api/v1/asbx/status")
  IntegrationStatus status() {
    ReconciliationStats.Stats s = stats.all();
    return new IntegrationStatus("burstflow", true, s.lastReconciled(), s.reconciled(), s.reconciled(), 0,
        s.overruns(), s.averageSecondsToReconcile(), s.averageAccuracy(), Instant.now(), "healthy");
  }

  private JobKey job(String cluster, String jobId, String field) {
    try {
      return new JobKey(cluster == null ? props.cluster() : cluster, Long.parseLong(String.valueOf(jobId).trim()));
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(field, "a Slurm job id is required: " + e.getMessage());
    }
  }

  private String toJson(Map<String, ?> value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
