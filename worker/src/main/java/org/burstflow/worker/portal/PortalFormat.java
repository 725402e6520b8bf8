package org.burstflow.worker.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How the portal's templates show numbers, times and classes ({@code ${@portalFormat.percent(x)}}). */
@Component("portalFormat")
public class PortalFormat {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** A 0–1 fraction as {@code 42 %}; a dash when not measured (never 0 in its place). */
  public String percent(Double fraction) {
    return fraction == null ? "—" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
  }

  public String hours(Double hours) {
    return hours == null ? "—" : String.format(Locale.ROOT, "%.1f", hours);
  }

  public String time(Instant t) {
    return t == null ? "—" : TIME.format(t);
  }

  /** {@code INSUFFICIENT_DATA} → {@code insufficient data}. */
  public String label(Object efficiencyClass) {
    return efficiencyClass == null ? "not analysed" : efficiencyClass.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** A CSS class name for an efficiency class. */
  public String css(Object efficiencyClass) {
    return efficiencyClass == null ? "cls-none" : "cls-" + efficiencyClass.toString().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Width (percent of the full bar) of {@code part} of {@code whole}, for the class distribution. */
  public long share(int part, int whole) {
    return whole == 0 ? 0 : Math.round(100.0 * part / whole);
  }

  /** SVG bar height in pixels (0–{@code max}) of a 0–1 fraction. */
  public long bar(Double fraction, int max) {
    return fraction == null ? 0 : Math.round(Math.max(0, Math.min(1, fraction)) * max);
  }
}
