package org.burstflow.activities.analysis.gpu;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reading of one GPU, whatever tool printed it. A value the tool did not give (absent key,
 * {@code N/A}, {@code [Not Supported]}, secondary die…) is null and {@link #missing} says why,
 * keyed by the field's JSON name ({@code util_pct}, …): a missing value is never 0 or 100.
 *
 * @param time when the sample was taken; null when neither the tool nor the spool said
 * @param tool {@code rocm-smi}, {@code amd-smi} or {@code nvidia-smi}
 * @param index the tool's device index on the node (rocm-smi {@code card<N>}, amd-smi {@code gpu},
 *     nvidia-smi {@code index})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"time", "tool", "index", "util_pct", "vram_used_bytes", "vram_total_bytes",
    "power_w", "temp_c", "missing"})
public record GpuSample(
    Instant time,
    String tool,
    int index,
    Double utilPct,
    Long vramUsedBytes,
    Long vramTotalBytes,
    Double powerW,
    Double tempC,
    Map<String, String> missing) {

  public static final String UTIL = "util_pct";
  public static final String VRAM_USED = "vram_used_bytes";
  public static final String VRAM_TOTAL = "vram_total_bytes";
  public static final String POWER = "power_w";
  public static final String TEMP = "temp_c";

  public GpuSample {
    missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    requireExplained(UTIL, utilPct, missing);
    requireExplained(VRAM_USED, vramUsedBytes, missing);
    requireExplained(VRAM_TOTAL, vramTotalBytes, missing);
    requireExplained(POWER, powerW, missing);
    requireExplained(TEMP, tempC, missing);
  }

  /** The same sample taken at {@code at} (spooled samples get their time from the spool). */
  public GpuSample at(Instant at) {
    return new GpuSample(at, tool, index, utilPct, vramUsedBytes, vramTotalBytes, powerW, tempC, missing);
  }

  private static void requireExplained(String field, Object value, Map<String, String> missing) {
    if ((value == null) == !missing.containsKey(field)) {
      throw new IllegalArgumentException(
          field + " must be either a value or a reason it is missing, not "
              + (value == null ? "neither" : "both"));
    }
  }
}
