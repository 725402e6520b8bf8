package org.burstflow.activities.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BurnRateTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-04-11T00:00:00Z"); // 100 days

  private static BurnRate at(int day, String used, String spentLast30) {
    BigDecimal u = new BigDecimal(used);
    return BurnRate.of(new BigDecimal("1000"), u, new BigDecimal("1000").subtract(u), START, END,
        new BigDecimal(spentLast30), Duration.ofDays(30), START.plus(Duration.ofDays(day)));
  }

  @Test
  void onTrackSpendingIsHealthy() {
    BurnRate b = at(50, "500", "300");
    assertEquals(new BigDecimal("10.0000"), b.expectedDailyBurn());
    assertEquals(new BigDecimal("10.0000"), b.dailyBurn());
    assertEquals(0, b.variance().signum());
    assertEquals(100, b.healthScore());
    assertEquals("ON_TRACK", b.burnStatus());
    assertEquals("HEALTHY", b.healthStatus());
    assertEquals(LocalDate.parse("2026-04-11"), b.projectedDepletionDate()); // day 50 + 500 left at 10/day
    assertTrue(b.alerts().isEmpty(), b.alerts().toString());
  }

  @Test
  void overspendingRaisesAsbbsAlerts() {
    BurnRate b = at(20, "400", "600"); // expected 200 so far: +100 %
    assertEquals("OVERSPENDING", b.burnStatus());
    assertEquals(0, b.healthScore());
    assertEquals("CRITICAL", b.healthStatus());
    assertEquals(java.util.List.of("burn_rate_high", "budget_threshold", "overspend_risk"),
        b.alerts().stream().map(BurnRate.Alert::type).toList());
  }

  @Test
  void underspendingIsAWarning() {
    BurnRate b = at(50, "200", "60"); // −60 %
    assertEquals("UNDERSPENDING", b.burnStatus());
    assertEquals(40, b.healthScore());
    assertEquals("WARNING", b.healthStatus());
    assertEquals("burn_rate_low", b.alerts().get(0).type());
  }

  @Test
  void withoutAPeriodEndOnlyBurnAndDepletion() {
    BurnRate b = BurnRate.of(new BigDecimal("100"), new BigDecimal("10"), new BigDecimal("90"), START, null,
        new BigDecimal("10"), Duration.ofDays(30), START.plus(Duration.ofDays(10)));
    assertEquals(new BigDecimal("1.0000"), b.dailyBurn());
    assertNull(b.healthScore());
    assertEquals(LocalDate.parse("2026-04-11"), b.projectedDepletionDate()); // day 10 + 90 at 1/day
  }
}
