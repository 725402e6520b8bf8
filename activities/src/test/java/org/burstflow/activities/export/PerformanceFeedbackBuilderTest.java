package org.burstflow.activities.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceFeedback;
import org.burstflow.contracts.export.PerformanceFeedback.InstanceCost;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;
import org.junit.jupiter.api.Test;

/** The export shows what the job did, interruptions and their cost included, and invents nothing. */
class PerformanceFeedbackBuilderTest {

  private static final JobKey JOB = new JobKey("dev", 77);
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final ExportContext CONTEXT = new ExportContext("us-east-1", "0.1.0", "22.05.8");

  /** Attempt 1 (spot) interrupted after 600 s, attempt 2 from 900 s to the end at 3600 s. */
  private static final LaunchedNodes TWO_ATTEMPTS = new LaunchedNodes(List.of(
      node("burst-1", "i-1a", "us-east-1a", "spot", T0, 1).stopped(T0.plusSeconds(600), true),
      node("burst-2", "i-1b", "us-east-1a", "spot", T0, 1).stopped(T0.plusSeconds(600), false),
      node("burst-1", "i-2a", "us-east-1b", "spot", T0.plusSeconds(900), 2),
      node("burst-2", "i-2b", "us-east-1b", "spot", T0.plusSeconds(900), 2)));

  @Test
  void theInterruptedInstanceIsMarkedAndChargedUntilItWasGivenUp() {
    PerformanceFeedback f = PerformanceFeedbackBuilder.build(request(TWO_ATTEMPTS, analysis(null)), CONTEXT);

    List<InstanceCost> lines = f.costAnalysis().instanceCostBreakdown();
    assertEquals(List.of("i-1a", "i-1b", "i-2a", "i-2b"), lines.stream().map(InstanceCost::instanceId).toList());
    assertEquals(List.of(true, false, false, false), lines.stream().map(InstanceCost::interrupted).toList());
    // 600 s × 0.36 / 3600 = 0.06; 2700 s × 0.36 / 3600 = 0.27
    assertEquals(new BigDecimal("0.0600"), lines.get(0).costUsd());
    assertEquals(new BigDecimal("0.1667"), lines.get(0).durationHours());
    assertEquals(new BigDecimal("0.2700"), lines.get(2).costUsd());
    assertEquals(new BigDecimal("0.7500"), lines.get(2).durationHours());
    assertEquals("spot", lines.get(0).purchaseOption());
    assertEquals(1, f.awsPerformanceMetrics().spotInterruptions());
    // Σ of the lines, as reconciliation computes it; the total is what the ledger charged
    assertEquals(new BigDecimal("0.6600"), f.costAnalysis().computeCostUsd());
    assertEquals(new BigDecimal("0.6600"), f.costAnalysis().totalCostUsd());
    assertEquals(new BigDecimal("0.6600"), f.jobMetadata().actualExecution().actualCostUsd());
    assertEquals("2", f.executionContext().configurationUsed().get("launch_attempts"));
    assertEquals(List.of("us-east-1a", "us-east-1b"), f.awsPerformanceMetrics().availabilityZones());
  }

  @Test
  void everyInterruptedInstanceCounts() {
    LaunchedNodes threeAttempts = new LaunchedNodes(List.of(
        node("burst-1", "i-1a", "us-east-1a", "spot", T0, 1).stopped(T0.plusSeconds(60), true),
        node("burst-1", "i-2a", "us-east-1a", "spot", T0.plusSeconds(120), 2).stopped(T0.plusSeconds(300), true),
        node("burst-1", "i-3a", "us-east-1a", "on-demand", T0.plusSeconds(400), 3)));

    PerformanceFeedback f = PerformanceFeedbackBuilder.build(request(threeAttempts, null), CONTEXT);

    assertEquals(2, f.awsPerformanceMetrics().spotInterruptions());
    assertEquals(List.of("spot", "spot", "on-demand"),
        f.costAnalysis().instanceCostBreakdown().stream().map(InstanceCost::purchaseOption).toList());
  }

  @Test
  void whatNothingMeasuredIsNullNotZero() {
    JobAccounting noFigures = new JobAccounting(77, "wrap", "alice", "research", "cloud", "COMPLETED", "0:0",
        T0.plusSeconds(60), T0.plusSeconds(3600), Duration.ofSeconds(3540), Duration.ofHours(2), 2, 4,
        "burst-[1-2]", null, null, null, null, null);
    PerformanceFeedback f = PerformanceFeedbackBuilder.build(
        new PerformanceExportRequest(JOB, noFigures, TWO_ATTEMPTS, reconciled("0.6600"), null, List.of()), CONTEXT);

    assertNull(f.awsPerformanceMetrics().cpuUtilization());
    assertNull(f.awsPerformanceMetrics().memoryUtilization());
    assertNull(f.awsPerformanceMetrics().efaUtilization());
    assertNull(f.awsPerformanceMetrics().networkThroughputGbps());
    assertNull(f.awsPerformanceMetrics().placementGroupEffectiveness());
    assertNull(f.awsPerformanceMetrics().provisioningTime());
    assertNull(f.predictionValidation());
    assertNull(f.mpiOptimizationResults());
    assertNull(f.costAnalysis().costPerGpuHour());
    assertNull(f.costAnalysis().storageCostUsd());
    assertNull(f.costAnalysis().networkCostUsd());
    assertNull(f.costAnalysis().spotSavingsUsd());

    JsonNode json = readBack(f);
    assertTrue(json.path("prediction_validation").isNull());
    assertTrue(json.path("aws_performance_metrics").path("cpu_utilization").isNull());
    assertTrue(json.path("aws_performance_metrics").path("efa_utilization").isNull());
    assertTrue(json.path("cost_analysis").path("storage_cost_usd").isNull());
    // ASBX's omitempty fields are left out rather than null
    assertFalse(json.has("mpi_optimization_results"));
    assertFalse(json.path("cost_analysis").has("cost_per_gpu_hour"));
    assertFalse(json.path("job_metadata").has("original_asba_prediction"));
    assertFalse(json.path("execution_context").has("asba_version"));
  }

  @Test
  void measuredFiguresComeFromTheAnalysisAndSacct() {
    PerformanceFeedback f = PerformanceFeedbackBuilder.build(request(TWO_ATTEMPTS, analysis(gpus(2))), CONTEXT);

    assertEquals(0.5, f.awsPerformanceMetrics().cpuUtilization());
    assertEquals(0.25, f.awsPerformanceMetrics().memoryUtilization());
    // 0.66 over 4 CPUs × 3540 s (0.98333 h) = 0.1678 per CPU-hour; over 2 GPUs = 0.3356
    assertEquals(new BigDecimal("0.1678"), f.costAnalysis().costPerCpuHour());
    assertEquals(new BigDecimal("0.3356"), f.costAnalysis().costPerGpuHour());
    var execution = f.jobMetadata().actualExecution();
    assertEquals("59m0s", execution.executionDuration());
    assertTrue(execution.success());
    assertNull(execution.errorDetails());
    assertEquals(List.of("c5.large"), execution.instanceTypesUsed());
    assertEquals("77", f.jobMetadata().jobId());
    assertEquals("research", f.jobMetadata().projectId());
  }

  @Test
  void aJobThatFailedWithItsNodeSaysWhy() {
    JobAccounting failed = new JobAccounting(77, "wrap", "alice", "research", "cloud", "NODE_FAIL", "0:0",
        T0.plusSeconds(60), T0.plusSeconds(700), Duration.ofSeconds(640), Duration.ofHours(2), 1, 2,
        "burst-1", null, null, null, null, null);
    LaunchedNodes one = new LaunchedNodes(List.of(
        node("burst-1", "i-1a", "us-east-1a", "spot", T0, 1).stopped(null, true)));
    SpotInterruption notice = new SpotInterruption(1, "i-1a", "burst-1", SpotNoticeKind.INTERRUPTION_WARNING,
        T0.plusSeconds(600), "not requeued: the job is not requeueable (--no-requeue or JobRequeue=0), so it fails with its node");

    PerformanceFeedback f = PerformanceFeedbackBuilder.build(
        new PerformanceExportRequest(JOB, failed, one, reconciled("0.0700"), null, List.of(notice)), CONTEXT);

    var execution = f.jobMetadata().actualExecution();
    assertFalse(execution.success());
    assertTrue(execution.errorDetails().startsWith("NODE_FAIL (exit code 0:0); spot interruption warning for i-1a: not requeued"),
        execution.errorDetails());
    assertEquals(1, f.awsPerformanceMetrics().spotInterruptions());
    // charged to the job's end, like the others
    assertEquals(new BigDecimal("0.0700"), f.costAnalysis().instanceCostBreakdown().get(0).costUsd());
  }

  @Test
  void theSameRequestGivesTheSameBytesAndAwsMeta() {
    PerformanceExportRequest request = request(TWO_ATTEMPTS, analysis(null));
    byte[] first = PerformanceJson.document(PerformanceFeedbackBuilder.build(request, CONTEXT));
    byte[] second = PerformanceJson.document(PerformanceFeedbackBuilder.build(request, CONTEXT));
    assertEquals(new String(first), new String(second));

    String line = PerformanceJson.awsMetaLine(
        PerformanceFeedbackBuilder.awsMeta(PerformanceFeedbackBuilder.build(request, CONTEXT)));
    assertEquals("aws_meta:{\"cost\":0.66,\"duration\":\"59m0s\",\"instances\":[\"c5.large\"],\"success\":true}", line);
  }

  @Test
  void timesAreRfc3339AndMoneyPlainDecimals() {
    PerformanceFeedback f = PerformanceFeedbackBuilder.build(request(TWO_ATTEMPTS, null), CONTEXT);
    String text = new String(PerformanceJson.document(f), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("\"total_cost_usd\" : 0.6600,"), text);
    JsonNode json = readBack(f);
    JsonNode execution = json.path("job_metadata").path("actual_execution");
    assertEquals("2026-11-23T10:01:00Z", execution.path("start_time").asText());
    assertEquals("59m0s", execution.path("execution_duration").asText());
    assertEquals("i-1a", json.path("cost_analysis").path("instance_cost_breakdown").get(0).path("instance_id").asText());
    assertTrue(json.path("cost_analysis").path("instance_cost_breakdown").get(0).path("interrupted").asBoolean());
    assertEquals(1, json.path("aws_performance_metrics").path("spot_interruptions").asInt());
    assertEquals("standalone", json.path("execution_context").path("execution_mode").asText());
    assertEquals("22.05.8", json.path("execution_context").path("slurm_version").asText());
  }

  private static JsonNode readBack(PerformanceFeedback f) {
    try {
      return PerformanceJson.MAPPER.readTree(PerformanceJson.document(f));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PerformanceExportRequest request(LaunchedNodes launched, JobAnalysis analysis) {
    return new PerformanceExportRequest(JOB, accounting(), launched, reconciled("0.6600"), analysis, List.of());
  }

  private static ReconcileResult reconciled(String charged) {
    return new ReconcileResult("research", new BigDecimal("0.7200"), new BigDecimal("0.8640"),
        new BigDecimal(charged), new BigDecimal("0.2040"), new BigDecimal("-0.0600"), "{}");
  }

  private static LaunchedNode node(String name, String id, String zone, String option, Instant launch, int attempt) {
    return new LaunchedNode(name, id, "c5.large", zone, "127.0.1.9", "ip", option, launch,
        new BigDecimal("0.36")).ofAttempt(attempt);
  }

  private static JobAccounting accounting() {
    return new JobAccounting(77, "wrap", "alice", "research", "cloud", "COMPLETED", "0:0", T0.plusSeconds(60),
        T0.plusSeconds(3600), Duration.ofSeconds(3540), Duration.ofHours(2), 2, 4, "burst-[1-2]",
        Duration.ofSeconds(7080), 1000L << 20, 250L << 20, 0.4, 0.2);
  }

  private static JobAnalysis analysis(GpuUsage gpu) {
    return new JobAnalysis("dev", 77, "alice", "COMPLETED", 3540.0, 0.5, 0.25, 0.49, gpu,
        EfficiencyClass.ACCEPTABLE, "test", List.of(), List.of(), null, null);
  }

  private static GpuUsage gpus(int allocated) {
    return new GpuUsage(allocated, allocated, 100, 0.5, 0.9, 1.0, 0.1, 30.0, 0.1, 0.5, 0.5, null, null, null,
        Confidence.HIGH, List.of(), null, List.of());
  }
}
