package org.burstflow.activities.slurm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values sacct and scontrol print: sizes, memory requests, durations, timestamps and
 * counts. Every reader takes the field name so an error says which column held the bad value.
 * Empty text always means "no value" (null); text that is not empty and cannot be read is an
 * {@link IllegalArgumentException}, never a silent zero.
 */
public final class SlurmUnits {

  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTPE])?");
  private static final Pattern REQ_MEM = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTPE])?([nc])?");
  private static final Pattern DAYS_CLOCK =
      Pattern.compile("(?:(\\d+)-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?");
  private static final Pattern MINUTES_SECONDS = Pattern.compile("(\\d+):(\\d{2})(?:\\.(\\d{1,9}))?");
  // Slurm also accepts these on input (sbatch --time); scontrol echoes them back on some versions.
  private static final Pattern DAYS_HOURS = Pattern.compile("(\\d+)-(\\d+)(?::(\\d{2}))?");
  private static final Set<String> NO_LIMIT = Set.of("UNLIMITED", "Partition_Limit", "INVALID");
  private static final Set<String> NO_TIME = Set.of("Unknown", "None", "N/A");
  private static final long MIB = 1024L * 1024L;

  private SlurmUnits() {}

  /**
   * A size such as MaxRSS {@code 1947276K} or {@code 1.50G}; base 1024. A bare number is bytes:
   * that is how sacct prints usage figures below 1 KiB (e.g. {@code 0}).
   */
  public static Long sizeInBytes(String field, String value) {
    return size(field, value, 1L);
  }

  /**
   * A memory amount as Slurm configures and requests it ({@code mem=} in TRES strings,
   * MinMemoryNode): same suffixes, but a bare number is MiB, Slurm's unit for memory requests.
   */
  public static Long memoryInBytes(String field, String value) {
    return size(field, value, MIB);
  }

  /** sacct's ReqMem: {@code 32G} (job total, Slurm ≥ 21.08), {@code 191846Mn}, {@code 4000Mc}. */
  public static MemoryRequest memoryRequest(String field, String value) {
    if (isEmpty(value)) {
      return null;
    }
    Matcher m = REQ_MEM.matcher(value.trim());
    if (!m.matches()) {
      throw bad(field, value, "a memory request such as 32G, 4000Mc or 191846Mn");
    }
    long bytes = scale(field, value, m.group(1), m.group(2), MIB);
    MemoryRequest.Per per =
        m.group(3) == null
            ? MemoryRequest.Per.JOB
            : m.group(3).equals("c") ? MemoryRequest.Per.CPU : MemoryRequest.Per.NODE;
    return new MemoryRequest(bytes, per);
  }

  /**
   * A duration: {@code [D-]HH:MM:SS}, {@code HH:MM:SS.mmm}, {@code MM:SS}, {@code MM:SS.mmm}
   * (sacct prints TotalCPU under an hour that way), {@code D-HH[:MM]}. {@code UNLIMITED},
   * {@code Partition_Limit} and {@code INVALID} mean there is no limit: null.
   */
  public static Duration duration(String field, String value) {
    if (isEmpty(value) || NO_LIMIT.contains(value.trim())) {
      return null;
    }
    try {
      return parseDuration(field, value, value.trim());
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad(field, value, "a duration that fits in a long");
    }
  }

  private static Duration parseDuration(String field, String value, String v) {
    Matcher m = DAYS_CLOCK.matcher(v);
    if (m.matches()) {
      long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
      long hours = Long.parseLong(m.group(2));
      if (m.group(1) != null && hours > 23) {
        throw bad(field, value, "hours below 24 after a day count");
      }
      return clock(field, value, days * 24 + hours, m.group(3), m.group(4), m.group(5));
    }
    m = MINUTES_SECONDS.matcher(v);
    if (m.matches()) {
      return clock(field, value, 0, m.group(1), m.group(2), m.group(3));
    }
    m = DAYS_HOURS.matcher(v);
    if (m.matches()) {
      long hours = Long.parseLong(m.group(1)) * 24 + Long.parseLong(m.group(2));
      return clock(field, value, hours, m.group(3) == null ? "00" : m.group(3), "00", null);
    }
    throw bad(field, value, "a duration such as 1-02:03:04, 02:03:04, 03:04.567 or UNLIMITED");
  }

  /**
   * A timestamp as sacct/scontrol print it ({@code 2026-11-23T04:30:00}) in the cluster's time
   * zone. {@code Unknown}/{@code None} (a job not started or not ended) are null. All digits is
   * read as epoch seconds, which is what sites with {@code SLURM_TIME_FORMAT=%s} get.
   */
  public static Instant timestamp(String field, String value, ZoneId zone) {
    if (isEmpty(value) || NO_TIME.contains(value.trim())) {
      return null;
    }
    String v = value.trim();
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(v));
      }
      return LocalDateTime.parse(v).atZone(zone).toInstant();
    } catch (DateTimeException | NumberFormatException e) {
      throw bad(field, value, "a timestamp such as 2026-11-23T04:30:00");
    }
  }

  /** A whole number such as AllocCPUS or NNodes. */
  public static Integer count(String field, String value) {
    if (isEmpty(value)) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw bad(field, value, "a count of zero or more");
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(field, value, "a whole number");
    }
  }

  static boolean isEmpty(String value) {
    return value == null || value.isBlank();
  }

  private static Long size(String field, String value, long bareUnit) {
    if (isEmpty(value)) {
      return null;
    }
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw bad(field, value, "a size such as 1947276K, 1000M or 1.50G");
    }
    return scale(field, value, m.group(1), m.group(2), bareUnit);
  }

  private static long scale(
      String field, String value, String number, String suffix, long bareUnit) {
    long unit = suffix == null ? bareUnit : 1L << (10 * ("KMGTPE".indexOf(suffix) + 1));
    try {
      return new BigDecimal(number)
          .multiply(BigDecimal.valueOf(unit))
          .setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    } catch (ArithmeticException e) {
      throw bad(field, value, "a size below 8 EiB");
    }
  }

  private static Duration clock(
      String field, String value, long hours, String minutes, String seconds, String fraction) {
    long min = Long.parseLong(minutes);
    long sec = Long.parseLong(seconds);
    if (min > 59 || sec > 59) {
      throw bad(field, value, "minutes and seconds below 60");
    }
    long nanos = fraction == null ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
    return Duration.ofHours(hours).plusMinutes(min).plusSeconds(sec).plusNanos(nanos);
  }

  static IllegalArgumentException bad(String field, String value, String expected) {
    return new IllegalArgumentException(
        field + ": cannot read '" + value + "' (expected " + expected + ")");
  }
}
