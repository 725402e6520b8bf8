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

  /** One bar of the weekly trend chart, its geometry worked out here rather than in the template. */
  public record TrendBar(long x, long y, long height, String label, String title) {}

  /** SVG geometry of the weekly median GPU utilisation: 60 px per week, 100 px for 100 %. */
  public java.util.List<TrendBar> trendBars(EfficiencySummary s) {
    java.util.List<TrendBar> bars = new java.util.ArrayList<>();
    for (int i = 0; i < s.weeks().size(); i++) {
      EfficiencySummary.Week w = s.weeks().get(i);
      Double u = w.medianGpuUtil();
      long h = u == null ? 0 : Math.round(Math.max(0, Math.min(1, u)) * 100);
      bars.add(new TrendBar(10 + 60L * i, 105 - h, h, w.monday().toString().substring(5),
          w.monday() + ": median GPU utilisation " + percent(u)));
    }
    return bars;
  }

  public long trendWidth(EfficiencySummary s) {
    return 60L * s.weeks().size() + 10;
  }
}
