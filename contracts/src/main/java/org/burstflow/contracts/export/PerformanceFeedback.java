package org.burstflow.contracts.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * ASBX's performance feedback ({@code job-<id>-performance.json}, {@code pkg/types/performance.go}),
 * written at the end of every burst job so ASBA-style learning tools read burstflow's jobs as they
 * read ASBX's. Field names, nesting and value forms are ASBX's: snake_case, durations as Go
 * duration strings ({@code "2h0m0s"}), times RFC 3339, fractions 0–1, money in USD.
 *
 * <p>ASBX filled every field, most with constants. burstflow writes only what it measured; the
 * rest is {@code null} where ASBX always writes the field, and left out where ASBX's field is
 * {@code omitempty}, so a reader can tell "not measured" from a real zero:
 *
 * <ul>
 *   <li>{@code job_metadata.original_asba_prediction}, {@code execution_context.asba_version}:
 *       left out — burstflow does not take an ASBA execution plan, so there is no prediction.
 *   <li>{@code prediction_validation}: null — it compares an ASBA prediction with the outcome;
 *       without a prediction there is nothing to validate. (burstflow's own cost estimate and
 *       its accuracy are in the ledger's reconciliation, not here.)
 *   <li>{@code mpi_optimization_results}: left out — nothing measures MPI communication; ASBX
 *       invented it for every multi-node job.
 *   <li>{@code aws_performance_metrics.efa_utilization}, {@code network_throughput_gbps},
 *       {@code placement_group_effectiveness}: null — no EFA or network counters are collected.
 *   <li>{@code aws_performance_metrics.provisioning_time}, {@code instance_launch_times}: null —
 *       ASBX means the time each launch took; burstflow keeps when an instance was launched, not
 *       when its launch was asked for.
 *   <li>{@code cpu_utilization}, {@code memory_utilization}: sacct's CPU and memory efficiency;
 *       null when sacct lacked a figure they need.
 *   <li>{@code cost_analysis.storage_cost_usd}, {@code network_cost_usd}: null — EBS and data
 *       transfer are not priced; {@code spot_savings_usd}: null — the site's configured prices
 *       have no on-demand reference to compare with.
 *   <li>{@code cost_analysis.cost_per_gpu_hour}: left out for jobs without GPUs.
 *   <li>{@code execution_context.environment_variables}: null — the job's environment is not
 *       seen by burstflow.
 * </ul>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerformanceFeedback(
    JobMetadata jobMetadata,
    PredictionValidation predictionValidation,
    AwsPerformanceMetrics awsPerformanceMetrics,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> mpiOptimizationResults,
    CostAnalysis costAnalysis,
    ExecutionContext executionContext) {

  /**
   * @param jobId the Slurm job id, a string as in ASBX
   * @param userId the Slurm user
   * @param projectId the Slurm account (ASBX's project)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JobMetadata(
      String jobId,
      String jobName,
      String userId,
      String projectId,
      String partition,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> originalAsbaPrediction,
      ActualExecution actualExecution) {}

  /**
   * @param instanceTypesUsed every instance type of every attempt, in launch order, once each
   * @param actualCostUsd what the ledger charged the job (all attempts)
   * @param executionDuration sacct's Elapsed of the run that ended the job
   * @param success the job completed with exit code 0
   * @param errorDetails why not, when it did not succeed
   * @param nodeCount sacct's AllocNodes
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ActualExecution(
      List<String> instanceTypesUsed,
      BigDecimal actualCostUsd,
      String executionDuration,
      boolean success,
      @JsonInclude(JsonInclude.Include.NON_NULL) String errorDetails,
      int nodeCount,
      Instant startTime,
      Instant endTime) {}

  /** ASBX's comparison of an ASBA prediction with the outcome; never filled by burstflow. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PredictionValidation(
      Double costAccuracy,
      Double runtimeAccuracy,
      Boolean instanceTypeOptimal,
      Boolean domainDetectionCorrect,
      Double overallAccuracyScore) {}

  /**
   * @param spotInterruptions instances EC2 took from the job (spot interruption warning acted on,
   *     or the instance gone), over all attempts
   * @param availabilityZones where the job's instances ran, once each
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AwsPerformanceMetrics(
      Double efaUtilization,
      Double placementGroupEffectiveness,
      int spotInterruptions,
      Double networkThroughputGbps,
      Double cpuUtilization,
      Double memoryUtilization,
      String provisioningTime,
      List<String> availabilityZones,
      List<String> instanceLaunchTimes) {}

  /**
   * @param computeCostUsd Σ instance runtime × hourly price over every attempt
   * @param totalCostUsd what the ledger charged
   * @param costPerCpuHour total ÷ (AllocCPUS × Elapsed hours) of the run that ended the job;
   *     null when either is 0
   * @param costPerGpuHour total ÷ (allocated GPUs × Elapsed hours); left out without GPUs
   * @param instanceCostBreakdown one line per instance of every attempt
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CostAnalysis(
      BigDecimal computeCostUsd,
      BigDecimal storageCostUsd,
      BigDecimal networkCostUsd,
      BigDecimal totalCostUsd,
      BigDecimal spotSavingsUsd,
      BigDecimal costPerCpuHour,
      @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal costPerGpuHour,
      List<InstanceCost> instanceCostBreakdown) {}

  /**
   * One instance's charge, as reconciliation computed it.
   *
   * @param purchaseOption {@code spot} or {@code on-demand}
   * @param durationHours from its launch to the job's end, or to when the job gave it up
   * @param interrupted EC2 took it away (spot interruption)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InstanceCost(
      String instanceId,
      String instanceType,
      String purchaseOption,
      BigDecimal costUsd,
      BigDecimal durationHours,
      boolean interrupted) {}

  /**
   * @param pluginVersion the burstflow version that wrote the file
   * @param executionMode {@code standalone}: no ASBA execution plan was used
   * @param configurationUsed what burstflow decided for this job (cluster, attempts)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExecutionContext(
      String awsRegion,
      List<String> availabilityZones,
      String pluginVersion,
      @JsonInclude(JsonInclude.Include.NON_NULL) String asbaVersion,
      String slurmVersion,
      String executionMode,
      Map<String, String> configurationUsed,
      Map<String, String> environmentVariables) {}
}
