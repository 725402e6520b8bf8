package org.burstflow.activities.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.burstflow.activities.budget.CostModel;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.export.AwsMeta;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceFeedback;
import org.burstflow.contracts.export.PerformanceFeedback.ActualExecution;
import org.burstflow.contracts.export.PerformanceFeedback.AwsPerformanceMetrics;
import org.burstflow.contracts.export.PerformanceFeedback.CostAnalysis;
import org.burstflow.contracts.export.PerformanceFeedback.ExecutionContext;
import org.burstflow.contracts.export.PerformanceFeedback.InstanceCost;
import org.burstflow.contracts.export.PerformanceFeedback.JobMetadata;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;

/**
 * ASBX's performance feedback from what a burst job's lifecycle has at its end. Only measured
 * figures go in; what nothing measured stays null (see {@link PerformanceFeedback}). Every figure
 * is a function of the request, so building the same request twice gives the same document.
 */
public final class PerformanceFeedbackBuilder {

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final int HOURS_SCALE = 4;

  public static PerformanceFeedback build(PerformanceExportRequest request, ExportContext context) {
    JobAccounting acct = request.accounting();
    List<LaunchedNode> nodes = request.launched() == null ? List.of() : request.launched().nodes();
    BigDecimal charged = request.cost() == null ? null : request.cost().charged();
    List<String> types = distinct(nodes.stream().map(LaunchedNode::instanceType).toList());
    List<String> zones = distinct(nodes.stream().map(LaunchedNode::availabilityZone).toList());

    ActualExecution execution = new ActualExecution(
        types, charged, GoDuration.format(acct.elapsed()), succeeded(acct), errorDetails(acct, request.interruptions()),
        acct.allocNodes(), acct.start(), acct.end());
    JobMetadata metadata = new JobMetadata(Long.toString(acct.jobId()), acct.jobName(), acct.user(), acct.account(),
        acct.partition(), null, execution);
    AwsPerformanceMetrics metrics = new AwsPerformanceMetrics(
        null, null, (int) nodes.stream().filter(LaunchedNode::interrupted).count(), null,
        cpuEfficiency(acct, request.analysis()), memoryEfficiency(acct, request.analysis()), null, zones, null);
    CostAnalysis cost = new CostAnalysis(
        computeCost(acct, nodes), null, null, charged, null,
        perUnitHour(charged, acct.allocCpus(), acct.elapsed()),
        perUnitHour(charged, allocatedGpus(request.analysis()), acct.elapsed()),
        nodes.stream().map(n -> instanceCost(acct, n)).toList());
    Map<String, String> configuration = new TreeMap<>();
    configuration.put("cluster", request.job().cluster());
    configuration.put("launch_attempts",
        Integer.toString(nodes.stream().mapToInt(LaunchedNode::attempt).max().orElse(0)));
    ExecutionContext executionContext = new ExecutionContext(context.awsRegion(), zones, context.pluginVersion(),
        null, context.slurmVersion(), "standalone", configuration, null);
    return new PerformanceFeedback(metadata, null, metrics, null, cost, executionContext);
  }

  /** The {@code aws_meta} summary of a feedback document. */
  public static AwsMeta awsMeta(PerformanceFeedback feedback) {
    ActualExecution e = feedback.jobMetadata().actualExecution();
    return new AwsMeta(e.actualCostUsd(), e.executionDuration(), e.instanceTypesUsed(), e.success());
  }

  private static boolean succeeded(JobAccounting acct) {
    return "COMPLETED".equals(acct.state()) && "0:0".equals(acct.exitCode());
  }

  /** Slurm's state and exit code, and what a spot interruption did to a job that could not be requeued. */
  private static String errorDetails(JobAccounting acct, List<SpotInterruption> interruptions) {
    if (succeeded(acct)) {
      return null;
    }
    StringBuilder details = new StringBuilder(acct.state() + " (exit code " + acct.exitCode() + ")");
    (interruptions == null ? List.<SpotInterruption>of() : interruptions).stream()
        .filter(i -> i.outcome() != null && i.outcome().startsWith("not requeued"))
        .forEach(i -> details.append("; spot ").append(i.kind().name().toLowerCase().replace('_', ' '))
            .append(" for ").append(i.instanceId()).append(": ").append(i.outcome()));
    return details.toString();
  }

  private static Double cpuEfficiency(JobAccounting acct, JobAnalysis analysis) {
    return analysis != null && analysis.cpuEfficiency() != null ? analysis.cpuEfficiency() : acct.cpuEfficiency();
  }

  private static Double memoryEfficiency(JobAccounting acct, JobAnalysis analysis) {
    return analysis != null && analysis.memoryEfficiency() != null
        ? analysis.memoryEfficiency() : acct.memoryEfficiency();
  }

  private static int allocatedGpus(JobAnalysis analysis) {
    return analysis == null || analysis.gpu() == null ? 0 : analysis.gpu().allocatedGpus();
  }

  /** Σ runtime × price exactly as reconciliation computes it; null when a runtime cannot be known. */
  private static BigDecimal computeCost(JobAccounting acct, List<LaunchedNode> nodes) {
    if (nodes.isEmpty() || nodes.stream().anyMatch(n -> until(acct, n) == null || n.launchTime() == null)) {
      return null;
    }
    return CostModel.actual(acct, new LaunchedNodes(nodes)).total();
  }

  private static InstanceCost instanceCost(JobAccounting acct, LaunchedNode node) {
    BigDecimal cost = null;
    BigDecimal hours = null;
    if (until(acct, node) != null && node.launchTime() != null) {
      CostModel.InstanceCharge charge = CostModel.actual(acct, new LaunchedNodes(List.of(node))).instances().get(0);
      cost = charge.amount();
      hours = BigDecimal.valueOf(charge.seconds()).divide(SECONDS_PER_HOUR, HOURS_SCALE, RoundingMode.HALF_UP);
    }
    return new InstanceCost(node.instanceId(), node.instanceType(), node.purchasingOption(), cost, hours,
        node.interrupted());
  }

  /** Where an instance's charge stops: when the job gave it up, else the job's end. */
  private static Instant until(JobAccounting acct, LaunchedNode node) {
    return node.stoppedAt() != null ? node.stoppedAt() : acct.end();
  }

  /** total ÷ (units × elapsed hours); null when there is no total, no unit or no elapsed time. */
  private static BigDecimal perUnitHour(BigDecimal total, int units, Duration elapsed) {
    if (total == null || units <= 0 || elapsed == null || elapsed.toSeconds() <= 0) {
      return null;
    }
    BigDecimal unitSeconds = BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(elapsed.toSeconds()));
    return total.multiply(SECONDS_PER_HOUR).divide(unitSeconds, CostModel.MONEY_SCALE, RoundingMode.HALF_UP);
  }

  private static List<String> distinct(List<String> values) {
    return new ArrayList<>(new LinkedHashSet<>(values.stream().filter(Objects::nonNull).toList()));
  }

  private PerformanceFeedbackBuilder() {}
}
