package org.burstflow.activities.export;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A {@link Duration} as Go's {@code time.Duration.String()} prints it ({@code 2h0m0s},
 * {@code 5m0s}, {@code 1.5s}, {@code 250ms}, {@code 0s}): the form ASBX's JSON uses.
 */
public final class GoDuration {

  public static String format(Duration d) {
    if (d == null) {
      return null;
    }
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    long nanos = a.toNanos();
    if (a.compareTo(Duration.ofSeconds(1)) < 0) {
      if (nanos < 1_000) {
        return sign + nanos + "ns";
      }
      if (nanos < 1_000_000) {
        return sign + decimal(nanos, 3) + "µs";
      }
      return sign + decimal(nanos, 6) + "ms";
    }
    long hours = a.toHours();
    int minutes = a.toMinutesPart();
    String seconds = decimal(a.toSecondsPart() * 1_000_000_000L + a.toNanosPart(), 9);
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds + "s";
    }
    if (minutes > 0) {
      return sign + minutes + "m" + seconds + "s";
    }
    return sign + seconds + "s";
  }

  /** {@code value / 10^scale} without trailing zeros: Go's fraction form. */
  private static String decimal(long value, int scale) {
    BigDecimal v = BigDecimal.valueOf(value, scale).stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
  }

  private GoDuration() {}
}
