package org.burstflow.activities.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How figures read in reports. Public so that tests (and the end-to-end check) can compute the
 * very strings a report shows from sacct's numbers.
 */
public final class ReportFormat {

  public static final String NOT_AVAILABLE = "not available";

  // Inline-significant characters. Block markers (#, -, +, digits.) only act at a line start,
  // which a substituted value never is: each sits inside a heading or a table cell.
  private static final String MARKDOWN_SPECIAL = "\\`*_[]<>|&~";
  private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

  private ReportFormat() {}

  /** A 0–1 fraction as a percentage with one decimal, {@code 42.5 %}; null is "not available". */
  public static String percent(Double fraction) {
    if (fraction == null || fraction.isNaN() || fraction.isInfinite()) {
      return NOT_AVAILABLE;
    }
    return BigDecimal.valueOf(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP)
        .toPlainString() + " %";
  }

  /**
   * Slurm's own {@code [D-]HH:MM:SS}, which users know from squeue and sacct; below a minute
   * with milliseconds, so that a short TotalCPU does not read as zero.
   */
  public static String duration(Duration d) {
    if (d == null) {
      return NOT_AVAILABLE;
    }
    long s = d.getSeconds();
    String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
    if (s >= 86_400) {
      clock = s / 86_400 + "-" + clock;
    }
    if (s < 60 && d.getNano() > 0) {
      clock += String.format(Locale.ROOT, ".%03d", d.getNano() / 1_000_000);
    }
    return clock;
  }

  /** Bytes in binary units with one decimal: {@code 1.9 GiB}. */
  public static String bytes(Long bytes) {
    if (bytes == null) {
      return NOT_AVAILABLE;
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString() + " "
        + BINARY_UNITS[unit];
  }

  /**
   * Money at the ledger's scale (4 decimals), so a report shows exactly what was charged: a
   * short burst job costs fractions of a cent, which 2 decimals would show as 0.00.
   */
  public static String money(BigDecimal amount) {
    return amount == null
        ? NOT_AVAILABLE
        : amount.setScale(4, RoundingMode.HALF_UP).toPlainString() + " USD";
  }

  /** A difference, always signed: {@code +0.12 USD}, {@code -0.40 USD}. */
  public static String signedMoney(BigDecimal amount) {
    if (amount == null) {
      return NOT_AVAILABLE;
    }
    return (amount.signum() >= 0 ? "+" : "") + money(amount);
  }

  /** An hourly price keeps four decimals: spot prices such as 0.0312 USD/h would read as 0.03. */
  public static String hourlyPrice(BigDecimal price) {
    return price == null
        ? NOT_AVAILABLE
        : price.setScale(4, RoundingMode.HALF_UP).toPlainString() + " USD/h";
  }

  public static String time(Instant instant, ZoneId zone) {
    return instant == null ? NOT_AVAILABLE : TIME.format(instant.atZone(zone));
  }

  /**
   * Text from outside (job name, user, account, anything Slurm or EC2 reported) made inert in
   * Markdown: characters that could start emphasis, code, links, HTML, entities or end a table
   * cell are backslash-escaped, and line breaks (which would end a table row) become spaces.
   */
  public static String markdownText(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      if (c == '\r' || c == '\n') {
        out.append(' ');
      } else {
        if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
          out.append('\\');
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Text from outside for the plain-text part: as it is, but on one line. */
  public static String plainText(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
  }
}
