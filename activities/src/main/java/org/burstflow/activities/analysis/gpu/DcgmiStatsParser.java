package org.burstflow.activities.analysis.gpu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dcgmi stats -j <jobid> -v}: one block per GPU ({@code | GPU ID: 6 |}) of job-long
 * statistics. Each block becomes one sample holding the job's averages: SM utilisation avg,
 * power avg, max memory used. MIG/unsupported values ({@code N/A}, {@code Not Specified}) are
 * missing; dcgmi reports neither temperature nor VRAM capacity here.
 */
final class DcgmiStatsParser {

  static final String TOOL = "dcgmi";
  private static final Pattern GPU_ID = Pattern.compile("\\|\\s*GPU ID:\\s*(\\d+)\\s*\\|");
  private static final Pattern ROW = Pattern.compile("\\|\\s*([^|]+?)\\s*\\|\\s*([^|]*?)\\s*\\|");
  private static final Pattern AVG = Pattern.compile("Avg:\\s*([^,]+)");

  private DcgmiStatsParser() {}

  static GpuParseResult parse(String output, Instant time) {
    List<GpuSample> samples = new ArrayList<>();
    SampleBuilder b = null;
    for (String line : output == null ? List.<String>of() : output.lines().toList()) {
      Matcher id = GPU_ID.matcher(line);
      if (id.find()) {
        if (b != null) {
          samples.add(b.build());
        }
        b = new SampleBuilder(TOOL, Integer.parseInt(id.group(1))).time(time);
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (b == null || !row.find()) {
        continue;
      }
      String value = row.group(2);
      switch (row.group(1)) {
        case "SM Utilization (%)" -> b.decimal(GpuSample.UTIL, avg(value), "not in dcgmi stats");
        case "Power Usage (Watts)" -> b.decimal(GpuSample.POWER, avg(value), "not in dcgmi stats");
        case "Max GPU Memory Used (bytes)" -> b.bytes(GpuSample.VRAM_USED, value, 1, "not in dcgmi stats");
        default -> { }
      }
    }
    if (b != null) {
      samples.add(b.build());
    }
    return new GpuParseResult(samples, List.of());
  }

  private static String avg(String value) {
    Matcher m = AVG.matcher(value);
    return m.find() ? m.group(1).trim() : value;
  }
}
