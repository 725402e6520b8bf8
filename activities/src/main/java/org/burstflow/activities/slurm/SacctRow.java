package org.burstflow.activities.slurm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code sacct -P} output, keyed by the header's column names (as sacct prints them,
 * e.g. {@code JobID}, {@code MaxRSS}). Typed getters read a column with {@link SlurmUnits} and
 * return null when the column is absent or empty; {@link #raw} gives the text as printed.
 */
public record SacctRow(Map<String, String> columns) {

  public SacctRow {
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** The text as printed; null only when the output had no such column. */
  public String raw(String column) {
    return columns.get(column);
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The text, or null when the column is absent or empty. */
  public String text(String column) {
    String v = columns.get(column);
    return SlurmUnits.isEmpty(v) ? null : v.trim();
  }

  public Duration duration(String column) {
    return SlurmUnits.duration(column, raw(column));
  }

  public Long sizeInBytes(String column) {
    return SlurmUnits.sizeInBytes(column, raw(column));
  }

  public Integer count(String column) {
    return SlurmUnits.count(column, raw(column));
  }

  public Instant timestamp(String column, ZoneId zone) {
    return SlurmUnits.timestamp(column, raw(column), zone);
  }

  // Named getters for the columns of SacctParser.FORMAT_FIELDS.

  public SacctJobId jobId() {
    return SacctJobId.parse("JobID", raw("JobID"));
  }

  /**
   * JobIDRaw: the real job id of an array task (sacct's JobID shows {@code <array>_<task>});
   * null when the column was not requested.
   */
  public SacctJobId jobIdRaw() {
    String v = text("JobIDRaw");
    return v == null ? null : SacctJobId.parse("JobIDRaw", v);
  }

  /** The state as printed, e.g. {@code CANCELLED by 1000}. */
  public String state() {
    return text("State");
  }

  /** The state's first word: {@code CANCELLED by 1000} → {@code CANCELLED}. */
  public String baseState() {
    String s = state();
    return s == null ? null : s.split("\\s+", 2)[0];
  }

  public Instant start(ZoneId zone) {
    return timestamp("Start", zone);
  }

  public Instant end(ZoneId zone) {
    return timestamp("End", zone);
  }

  public Duration elapsed() {
    return duration("Elapsed");
  }

  public Duration timelimit() {
    return duration("Timelimit");
  }

  public Duration totalCpu() {
    return duration("TotalCPU");
  }

  public Integer nNodes() {
    return count("NNodes");
  }

  public Integer allocCpus() {
    return count("AllocCPUS");
  }

  public Long maxRssBytes() {
    return sizeInBytes("MaxRSS");
  }

  public MemoryRequest reqMem() {
    return SlurmUnits.memoryRequest("ReqMem", raw("ReqMem"));
  }

  /** The {@code mem=} of AllocTRES ({@code billing=8,cpu=8,mem=8000M,node=2}): the job's total. */
  public Long allocTresMemoryBytes() {
    String tres = text("AllocTRES");
    if (tres == null) {
      return null;
    }
    for (String pair : tres.split(",")) {
      if (pair.startsWith("mem=")) {
        return SlurmUnits.memoryInBytes("AllocTRES mem", pair.substring(4));
      }
    }
    return null;
  }

  /**
   * The {@code mem=} of TRESUsageInTot ({@code cpu=00:56:24,…,mem=10372780K,…}): the step's tasks'
   * memory added up; a bare number is bytes, as for MaxRSS. Null when the column is absent.
   */
  public Long tresUsageInTotMemoryBytes() {
    String tres = text("TRESUsageInTot");
    if (tres == null) {
      return null;
    }
    for (String pair : tres.split(",")) {
      if (pair.startsWith("mem=")) {
        return SlurmUnits.sizeInBytes("TRESUsageInTot mem", pair.substring(4));
      }
    }
    return null;
  }

  /**
   * GPUs in AllocTRES. Slurm lists the untyped {@code gres/gpu=8} beside typed ones such as
   * {@code gres/gpu:mi210=8} (the same GPUs, not more), and {@code gres/gpumem}/{@code gres/gpuutil}
   * are not counts: the untyped figure wins, else the typed ones are added; 0 when none; null
   * when AllocTRES is absent.
   */
  public Integer allocTresGpus() {
    String tres = text("AllocTRES");
    if (tres == null) {
      return null;
    }
    Integer untyped = null;
    int typed = 0;
    for (String pair : tres.split(",")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = pair.substring(0, eq);
      if (key.equals("gres/gpu")) {
        untyped = SlurmUnits.count("AllocTRES gres/gpu", pair.substring(eq + 1));
      } else if (key.startsWith("gres/gpu:")) {
        typed += SlurmUnits.count("AllocTRES " + key, pair.substring(eq + 1));
      }
    }
    return untyped != null ? untyped : typed;
  }
}
