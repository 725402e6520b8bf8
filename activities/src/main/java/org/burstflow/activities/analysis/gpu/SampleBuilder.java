package org.burstflow.activities.analysis.gpu;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects one GPU's fields as the tools print them and reads them leniently: units such as
 * {@code %}, {@code W}, {@code C}, {@code MiB} are stripped, anything that is not a number becomes
 * a missing value with its text as the reason. Nothing here ever invents a number.
 */
final class SampleBuilder {

  private static final Pattern NUMBER =
      Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*([A-Za-z%]*)\\s*");

  private final String tool;
  private final int index;
  private Instant time;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> missing = new LinkedHashMap<>();

  SampleBuilder(String tool, int index) {
    this.tool = tool;
    this.index = index;
  }

  SampleBuilder time(Instant time) {
    this.time = time;
    return this;
  }

  boolean has(String field) {
    return values.containsKey(field);
  }

  /** Records that the field could not be read, unless a value or an earlier reason is there. */
  void missing(String field, String reason) {
    if (!values.containsKey(field)) {
      missing.putIfAbsent(field, reason);
    }
  }

  /** A percentage, watts or degrees printed as text; {@code null} text means "key absent". */
  void decimal(String field, String text, String absentReason) {
    Double v = number(text);
    if (v != null) {
      put(field, v);
    } else {
      missing(field, text == null ? absentReason : reasonFor(text));
    }
  }

  /** A size in {@code unitBytes} units ({@code 1} for bytes, {@code 2^20} for MiB). */
  void bytes(String field, String text, long unitBytes, String absentReason) {
    Double v = number(text);
    if (v != null && v >= 0) {
      put(field, Math.round(v * unitBytes));
    } else {
      missing(field, text == null ? absentReason : reasonFor(text));
    }
  }

  void put(String field, Object value) {
    values.put(field, value);
    missing.remove(field);
  }

  GpuSample build() {
    for (String f : new String[] {GpuSample.UTIL, GpuSample.VRAM_USED, GpuSample.VRAM_TOTAL,
        GpuSample.POWER, GpuSample.TEMP}) {
      missing(f, "not reported by " + tool);
    }
    return new GpuSample(time, tool, index,
        (Double) values.get(GpuSample.UTIL),
        (Long) values.get(GpuSample.VRAM_USED),
        (Long) values.get(GpuSample.VRAM_TOTAL),
        (Double) values.get(GpuSample.POWER),
        (Double) values.get(GpuSample.TEMP),
        missing);
  }

  /** The number in {@code 87}, {@code 87%}, {@code 54.0c}, {@code 198.5 W}; null for anything else. */
  static Double number(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = NUMBER.matcher(text);
    if (!m.matches() || !knownUnit(m.group(2))) {
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    return Double.isFinite(v) ? v : null;
  }

  private static boolean knownUnit(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "", "%", "w", "c", "mib", "mb", "b" -> true;
      default -> false;
    };
  }

  /** Why a printed value is not a number: the tool's own words, normalised a little. */
  static String reasonFor(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return "empty";
    }
    if (t.toLowerCase(Locale.ROOT).contains("secondary die")) {
      return "secondary die: the card's power is reported on its primary die";
    }
    return t.length() > 80 ? t.substring(0, 80) : t;
  }
}
