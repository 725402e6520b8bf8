package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's burn rate and health, with ASBB's intended definitions (its SQL
 * {@code update_burn_rate_metrics} / {@code check_burn_rate_alerts}, never called there):
 * expected daily burn = limit / period days; health = max(0, 100 − |used / expected so far − 1| ×
 * 100); OVERSPENDING above +20 % of expected, UNDERSPENDING below −20 %; alerts at variance
 * > +50 % (critical), < −30 % (warning), health < 40 (critical), depletion before the period ends
 * (warning). Variance is cumulative (used so far against expected so far): a single large day
 * does not swing it. Pure: the caller supplies the figures and the clock.
 *
 * @param dailyBurn spend per day over the recent window
 * @param variance (used / expected so far) − 1, a fraction; null without a period end
 */
public record BurnRate(
    BigDecimal dailyBurn,
    BigDecimal expectedDailyBurn,
    BigDecimal variance,
    String burnStatus,
    Integer healthScore,
    String healthStatus,
    LocalDate projectedDepletionDate,
    BigDecimal daysElapsed,
    BigDecimal daysRemaining,
    List<Alert> alerts) {

  /** An alert as ASBB's budget_alerts would hold it. */
  public record Alert(String type, String severity, String message) {}

  private static final int SCALE = 4;
  private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /**
   * @param spentInWindow charges posted in the {@code window} before {@code now}
   */
  public static BurnRate of(BigDecimal limit, BigDecimal used, BigDecimal available, Instant periodStart,
      Instant periodEnd, BigDecimal spentInWindow, Duration window, Instant now) {
    BigDecimal elapsed = days(Duration.between(periodStart, now)).max(new BigDecimal("0.0417")); // ≥ 1 hour
    BigDecimal windowDays = days(window).min(elapsed);
    BigDecimal daily = spentInWindow.divide(windowDays, SCALE, RoundingMode.HALF_UP);
    LocalDate depletion = daily.signum() > 0 && available.signum() > 0
        ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(available.divide(daily, 0, RoundingMode.FLOOR).longValue())
        : null;
    List<Alert> alerts = new ArrayList<>();
    if (periodEnd == null) {
      return new BurnRate(daily, null, null, null, null, null, depletion, elapsed, null, alerts);
    }
    BigDecimal total = days(Duration.between(periodStart, periodEnd));
    BigDecimal expectedDaily = limit.divide(total, SCALE, RoundingMode.HALF_UP);
    BigDecimal expectedSoFar = expectedDaily.multiply(elapsed.min(total));
    BigDecimal variance = expectedSoFar.signum() == 0 ? BigDecimal.ZERO
        : used.divide(expectedSoFar, SCALE, RoundingMode.HALF_UP).subtract(BigDecimal.ONE);
    int health = Math.max(0, HUNDRED.subtract(variance.abs().multiply(HUNDRED)).setScale(0, RoundingMode.HALF_UP).intValue());
    String burn = variance.compareTo(new BigDecimal("0.20")) > 0 ? "OVERSPENDING"
        : variance.compareTo(new BigDecimal("-0.20")) < 0 ? "UNDERSPENDING" : "ON_TRACK";
    if (variance.compareTo(new BigDecimal("0.50")) > 0) {
      alerts.add(new Alert("burn_rate_high", "critical", "spending " + pct(variance) + " above the expected rate"));
    } else if (variance.compareTo(new BigDecimal("-0.30")) < 0) {
      alerts.add(new Alert("burn_rate_low", "warning", "spending " + pct(variance.negate()) + " below the expected rate"));
    }
    if (health < 40) {
      alerts.add(new Alert("budget_threshold", "critical", "budget health " + health + " is below 40"));
    }
    if (depletion != null && depletion.isBefore(LocalDate.ofInstant(periodEnd, ZoneOffset.UTC))) {
      alerts.add(new Alert("overspend_risk", "warning",
          "at the current rate the budget runs out on " + depletion + ", before the period ends"));
    }
    BigDecimal remaining = days(Duration.between(now, periodEnd)).max(BigDecimal.ZERO);
    return new BurnRate(daily, expectedDaily, variance, burn, health, healthStatus(health), depletion, elapsed,
        remaining, alerts);
  }

  static String healthStatus(int health) {
    return health >= 80 ? "HEALTHY" : health >= 60 ? "CONCERN" : health >= 40 ? "WARNING" : "CRITICAL";
  }

  private static BigDecimal days(Duration d) {
    return BigDecimal.valueOf(d.toSeconds()).divide(SECONDS_PER_DAY, SCALE, RoundingMode.HALF_UP);
  }

  private static String pct(BigDecimal fraction) {
    return fraction.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP) + " %";
  }
}
