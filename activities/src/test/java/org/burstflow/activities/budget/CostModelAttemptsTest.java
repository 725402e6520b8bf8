package org.burstflow.activities.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.Test;

/** A job interrupted on spot is charged for every attempt, each instance for the time it served. */
class CostModelAttemptsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void anInterruptedAttemptIsChargedUntilItWasGivenUpAndTheLastOneUntilTheEnd() {
    LaunchedNodes launched = new LaunchedNodes(List.of(
        node("i-1a", T0, 1).stopped(T0.plusSeconds(600), true),     // 600 s
        node("i-1b", T0, 1).stopped(T0.plusSeconds(600), false),    // 600 s
        node("i-2a", T0.plusSeconds(900), 2),                        // 2700 s to the end
        node("i-2b", T0.plusSeconds(900), 2)));                      // 2700 s

    CostModel.ActualCost cost = CostModel.actual(accounting(T0.plusSeconds(3600)), launched);

    // (600 + 600 + 2700 + 2700) s × 0.36 / 3600 s
    assertEquals(new BigDecimal("0.6600"), cost.total());
    assertEquals(List.of(600L, 600L, 2700L, 2700L), cost.instances().stream().map(CostModel.InstanceCharge::seconds).toList());
    assertEquals(List.of(1, 1, 2, 2), cost.instances().stream().map(CostModel.InstanceCharge::attempt).toList());
    assertEquals(List.of(true, false, false, false),
        cost.instances().stream().map(CostModel.InstanceCharge::interrupted).toList());
  }

  private static LaunchedNode node(String id, Instant launch, int attempt) {
    return new LaunchedNode("burst-1", id, "c5.large", "us-east-1a", "127.0.1.9", "ip", "spot", launch,
        new BigDecimal("0.36")).ofAttempt(attempt);
  }

  private static JobAccounting accounting(Instant end) {
    return new JobAccounting(77, "wrap", "root", "research", "cloud", "COMPLETED", "0:0", T0.plusSeconds(60), end,
        Duration.ofSeconds(3540), Duration.ofHours(2), 2, 2, "burst-[1-2]", Duration.ofSeconds(10),
        1000L << 20, 5L << 20, 0.25, 0.005);
  }
}
