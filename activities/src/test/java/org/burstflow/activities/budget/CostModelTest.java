package org.burstflow.activities.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;

class CostModelTest {

  private static final PartitionRate.Local ASBA_DEFAULTS = new PartitionRate.Local(new BigDecimal("0.05"),
      new BigDecimal("0.10"), new BigDecimal("2.50"), new BigDecimal("1.3"), new BigDecimal("1.2"));

  @Test
  void localRatesFollowAsbasFormula() {
    // (8 CPUs × 0.05 + 2 nodes × 0.10 + 1 GPU × 2.50) × (1 + 0.3 + 0.2) × 3 h = 3.10 × 1.5 × 3
    assertEquals(new BigDecimal("13.9500"),
        CostModel.estimate(ASBA_DEFAULTS, 2, 8, 1, Duration.ofHours(3)));
  }

  @Test
  void burstEstimateIsNodesTimesLimitTimesPrice() {
    assertEquals(new BigDecimal("0.2550"), CostModel.estimate(
        new PartitionRate.Burst("c5.large", new BigDecimal("0.085")), 3, 99, 0, Duration.ofHours(1)));
  }

  @Test
  void actualsFromSacctUseElapsed() {
    JobAccounting ran = new JobAccounting(1, "j", "u", "a", "p", "COMPLETED", "0:0", Instant.EPOCH,
        Instant.EPOCH.plusSeconds(5400), Duration.ofMinutes(90), Duration.ofHours(2), 2, 4, "n[1-2]",
        null, null, null, null, null);
    // (4 × 0.05 + 2 × 0.10) × 1.5 × 1.5 h
    assertEquals(new BigDecimal("0.9000"), CostModel.localActual(ran, ASBA_DEFAULTS).total());
    assertEquals(new BigDecimal("0.2550"), CostModel.burstActualFromSacct(ran,
        new PartitionRate.Burst("c5.large", new BigDecimal("0.085"))).total());
  }
}
