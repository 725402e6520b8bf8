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

  /** One instance's share of the actual cost. */
  public record InstanceCharge(
      String node, String instanceId, long seconds, BigDecimal hourlyPrice, BigDecimal amount) {}

  /** Actual cost and how it was computed. */
  public record ActualCost(BigDecimal total, List<InstanceCharge> instances) {}

  /**
   * Actual = Σ instance runtime × hourly price, runtime from the instance's launch to the job's
   * end as sacct records it. The idle time until Slurm suspends the node is not charged to the
   * job.
   */
  public static ActualCost actual(JobAccounting accounting, LaunchedNodes launched) {
    List<InstanceCharge> charges = new ArrayList<>();
    BigDecimal exact = BigDecimal.ZERO;
    for (LaunchedNode node : launched.nodes()) {
      long seconds = runtimeSeconds(node.launchTime(), accounting.end());
      BigDecimal amount = node.hourlyPrice().multiply(BigDecimal.valueOf(seconds));
      exact = exact.add(amount);
      charges.add(
          new InstanceCharge(
              node.node(),
              node.instanceId(),
              seconds,
              node.hourlyPrice(),
              amount.divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP)));
    }
    return new ActualCost(exact.divide(SECONDS_PER_HOUR, MONEY_SCALE, RoundingMode.HALF_UP), charges);
  }

  private static long runtimeSeconds(Instant launch, Instant end) {
    if (launch == null || end == null) {
      throw new IllegalArgumentException("instance launch time and job end time are both needed");
    }
    return Math.max(0, Duration.between(launch, end).toSeconds());
  }

  private CostModel() {}
}
