package org.burstflow.activities.analysis.gpu;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code nvidia-smi --query-gpu=… --format=csv[,noheader][,nounits]}. The header (kept units even
 * with {@code nounits}) names the columns; without it the columns are the sampler's
 * {@link #SAMPLER_QUERY}. Values carry a leading space and, without {@code nounits}, a unit;
 * {@code [N/A]} and {@code [Not Supported]} are missing values. Lines that are not rows (e.g.
 * "Unable to determine the device handle … GPU has fallen off the bus") become warnings.
 */
public final class NvidiaSmiParser {

  static final String TOOL = "nvidia-smi";

  /** What slurm-hooks/gpu-sampler asks for, in this order ({@code noheader,nounits}). */
  static final List<String> SAMPLER_QUERY =
      List.of("index", "utilization.gpu", "memory.used", "memory.total", "power.draw", "temperature.gpu");

  private static final Set<String> KNOWN_COLUMNS =
      Set.of("index", "timestamp", "uuid", "name", "pci.bus_id", "driver_version", "pstate",
          "utilization.gpu", "utilization.memory", "memory.total", "memory.used", "memory.free",
          "power.draw", "power.draw.average", "power.draw.instant", "power.limit",
          "temperature.gpu", "temperature.memory", "clocks.sm", "clocks.mem");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss[.SSS]");
  private static final long MIB = 1L << 20;

  private NvidiaSmiParser() {}

  static GpuParseResult parse(String output, Instant time) {
    return parse(output, time, SAMPLER_QUERY);
  }

  /**
   * @param noheaderColumns the {@code --query-gpu} list, for output printed with {@code noheader}
   *     by another query than the sampler's; a header line, when present, wins
   */
  public static GpuParseResult parse(String output, Instant time, List<String> noheaderColumns) {
    List<String> lines = output == null ? List.of()
        : output.lines().filter(l -> !l.isBlank()).toList();
    List<String> warnings = new ArrayList<>();
    List<GpuSample> samples = new ArrayList<>();
    if (lines.isEmpty() || lines.get(0).startsWith("No devices were found")) {
      return new GpuParseResult(samples, warnings);
    }
    List<String> columns = noheaderColumns;
    int first = 0;
    if (isHeader(lines.get(0))) {
      columns = Arrays.stream(lines.get(0).split(",")).map(c -> c.strip().replaceAll("\\s*\\[.*]$", "")).toList();
      first = 1;
    }
    int row = 0;
    for (int i = first; i < lines.size(); i++) {
      String[] values = lines.get(i).split(",", -1);
      if (values.length != columns.size()) {
        warnings.add("nvidia-smi line " + (i + 1) + " is not a " + columns.size() + "-column row: "
            + RocmSmiParser.abbreviate(lines.get(i).strip()));
        continue;
      }
      samples.add(sample(columns, values, row++, time));
    }
    return new GpuParseResult(samples, warnings);
  }

  private static boolean isHeader(String line) {
    return Arrays.stream(line.split(","))
        .map(c -> c.strip().replaceAll("\\s*\\[.*]$", ""))
        .anyMatch(KNOWN_COLUMNS::contains);
  }

  private static GpuSample sample(List<String> columns, String[] values, int row, Instant time) {
    Integer index = null;
    Instant at = time;
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).equals("index")) {
        Double v = SampleBuilder.number(values[c]);
        index = v == null ? null : v.intValue();
      } else if (columns.get(c).equals("timestamp") && at == null) {
        at = timestamp(values[c]);
      }
    }
    // Without an index column rows come in device order.
    SampleBuilder b = new SampleBuilder(TOOL, index == null ? row : index).time(at);
    String absent = "not in the nvidia-smi query";
    for (int c = 0; c < columns.size(); c++) {
      String v = values[c].strip();
      switch (columns.get(c)) {
        case "utilization.gpu" -> b.decimal(GpuSample.UTIL, v, absent);
        case "memory.used" -> b.bytes(GpuSample.VRAM_USED, v, MIB, absent);
        case "memory.total" -> b.bytes(GpuSample.VRAM_TOTAL, v, MIB, absent);
        case "power.draw", "power.draw.average", "power.draw.instant" -> {
          if (!b.has(GpuSample.POWER)) {
            b.decimal(GpuSample.POWER, v, absent);
          }
        }
        case "temperature.gpu" -> b.decimal(GpuSample.TEMP, v, absent);
        default -> { }
      }
    }
    for (String field : List.of(GpuSample.UTIL, GpuSample.VRAM_USED, GpuSample.VRAM_TOTAL, GpuSample.POWER,
        GpuSample.TEMP)) {
      b.missing(field, absent); // kept only where no column gave the field
    }
    return b.build();
  }

  /** nvidia-smi prints local time of the node; the spool's time is preferred when there is one. */
  private static Instant timestamp(String text) {
    try {
      return LocalDateTime.parse(text.strip(), TIMESTAMP).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
