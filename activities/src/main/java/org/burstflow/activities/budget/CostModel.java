package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * What a burst job is expected to cost and what it did cost. Sums are exact; only the final
 * figure is rounded, to the ledger's 4 decimals.
 */
public final class CostModel {

  public static final int MONEY_SCALE = 4;
  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  /** Estimate = nodes × time limit (hours) × hourly price. */
  public static BigDecimal estimate(int nodes, Duration timeLimit, BigDecimal hourlyPrice) {
    BigDecimal seconds = BigDecimal.valueOf(timeLimit.toSeconds());
    return hourlyPrice
        .multiply(BigDecimal.valueOf(nodes))
        .multiply(seconds)
        .divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP);
  }

  /** Estimate = one hour of the job's resources on the partition × time limit (hours). */
  public static BigDecimal estimate(PartitionRate rate, int nodes, int cpus, int gpus, Duration timeLimit) {
    if (rate instanceof PartitionRate.Burst burst) {
      return estimate(nodes, timeLimit, burst.hourlyPrice());
    }
    return hours(((PartitionRate.Local) rate).hourly(nodes, cpus, gpus), timeLimit);
  }

  /**
   * Actual cost of a job that ran on local nodes: its allocation (nodes, CPUs) × elapsed at the
   * partition's local rates. sacct's summary carries no GPU count, so GPUs are not charged here.
   */
  public static ActualCost localActual(JobAccounting accounting, PartitionRate.Local rates) {
    BigDecimal total = hours(rates.hourly(accounting.allocNodes(), accounting.allocCpus(), 0), elapsed(accounting));
    return new ActualCost(total, List.of());
  }

  /**
   * Actual cost of a burst job known only from sacct (recovery, when the instances' launch
   * times are no longer at hand): allocated nodes × elapsed × instance price.
   */
  public static ActualCost burstActualFromSacct(JobAccounting accounting, PartitionRate.Burst rate) {
    BigDecimal hourly = rate.hourlyPrice().multiply(BigDecimal.valueOf(accounting.allocNodes()));
    return new ActualCost(hours(hourly, elapsed(accounting)), List.of());
  }

  private static Duration elapsed(JobAccounting accounting) {
    return accounting.elapsed() == null ? Duration.ZERO : accounting.elapsed();
  }

  private static BigDecimal hours(BigDecimal hourly, Duration duration) {
    return hourly.multiply(BigDecimal.valueOf(duration.toSeconds()))
        .divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP);
  }

  /** One instance's share of the actual cost; {@code attempt} 0 when it was not recorded. */
  public record InstanceCharge(
      String node, String instanceId, long seconds, BigDecimal hourlyPrice, BigDecimal amount,
      int attempt, boolean interrupted) {

    public InstanceCharge(String node, String instanceId, long seconds, BigDecimal hourlyPrice, BigDecimal amount) {
      this(node, instanceId, seconds, hourlyPrice, amount, 0, false);
    }
  }

  /** Actual cost and how it was computed. */
  public record ActualCost(BigDecimal total, List<InstanceCharge> instances) {}

  /**
   * Actual = Σ instance runtime × hourly price over every attempt, runtime from the instance's
   * launch to the job's end as sacct records it, or to when the job gave it up (interrupted). The idle time until Slurm suspends the node is not charged to the
   * job.
   */
  public static ActualCost actual(JobAccounting accounting, LaunchedNodes launched) {
    List<InstanceCharge> charges = new ArrayList<>();
    BigDecimal exact = BigDecimal.ZERO;
    for (LaunchedNode node : launched.nodes()) {
      // an instance given up before the end (spot interruption) is charged until then
      Instant until = node.stoppedAt() != null ? node.stoppedAt() : accounting.end();
      long seconds = runtimeSeconds(node.launchTime(), until);
      BigDecimal amount = node.hourlyPrice().multiply(BigDecimal.valueOf(seconds));
      exact = exact.add(amount);
      charges.add(
          new InstanceCharge(
              node.node(),
              node.instanceId(),
              seconds,
              node.hourlyPrice(),
              amount.divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP),
              node.attempt(),
              node.interrupted()));
    }
    return new ActualCost(exact.divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP), charges);
  }

  /**
   * What the instances a job gave up before its end cost from their launch until then: the part
   * of the first hold an interrupted attempt used up.
   */
  public static BigDecimal spentBeforeGivenUp(LaunchedNodes launched) {
    BigDecimal exact = BigDecimal.ZERO;
    for (LaunchedNode node : launched.nodes()) {
      if (node.stoppedAt() != null) {
        long seconds = runtimeSeconds(node.launchTime(), node.stoppedAt());
        exact = exact.add(node.hourlyPrice().multiply(BigDecimal.valueOf(seconds)));
      }
    }
    return exact.divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP);
  }

  private static long runtimeSeconds(Instant launch, Instant end) {
    if (launch == null || end == null) {
      throw new IllegalArgumentException("instance launch time and job end time are both needed");
    }
    return Math.max(0, Duration.between(launch, end).toSeconds());
  }

  private CostModel() {}
}
