package org.burstflow.activities.analysis.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code amd-smi metric --json}, both top-level layouts whatever the version: a bare list
 * {@code [{"gpu": 0, …}]} (ROCm ≤ 6.3) and {@code {"gpu_data": [ … ]}} (ROCm 7.x). Values are
 * {@code {"value": n, "unit": "…"}} objects; an unsupported value, or a whole section, is the
 * string {@code "N/A"}. {@code mem_usage} says "MB" but counts MiB (bytes // 2^20).
 */
final class AmdSmiParser {

  static final String TOOL = "amd-smi";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AmdSmiParser() {}

  static GpuParseResult parse(String output, Instant time) {
    String text = output == null ? "" : output.strip();
    List<String> warnings = new ArrayList<>();
    if (text.isEmpty()) {
      return new GpuParseResult(List.of(), warnings);
    }
    int start = firstJsonChar(text);
    if (start < 0) {
      throw new IllegalArgumentException("amd-smi output is not JSON: " + RocmSmiParser.abbreviate(text));
    }
    JsonNode root;
    try {
      // Like rocm-smi, amd-smi may print warning lines before the JSON document.
      root = JSON.readTree(text.substring(start));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("amd-smi output is not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode gpus = root.isObject() && root.has("gpu_data") ? root.get("gpu_data") : root;
    if (!gpus.isArray()) {
      throw new IllegalArgumentException(
          "amd-smi output is neither a list of GPUs nor {\"gpu_data\": [...]}");
    }
    List<GpuSample> samples = new ArrayList<>();
    for (JsonNode gpu : gpus) {
      if (!gpu.path("gpu").canConvertToInt() || !gpu.path("gpu").isNumber()) {
        warnings.add("amd-smi entry without a numeric \"gpu\" index: " + RocmSmiParser.abbreviate(gpu.toString()));
        continue;
      }
      samples.add(sample(gpu.get("gpu").asInt(), gpu, time));
    }
    return new GpuParseResult(samples, warnings);
  }

  private static int firstJsonChar(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '[' || c == '{') && (i == 0 || text.charAt(i - 1) == '\n')) {
        return i;
      }
    }
    return -1;
  }

  private static GpuSample sample(int index, JsonNode gpu, Instant time) {
    SampleBuilder b = new SampleBuilder(TOOL, index).time(time);
    measured(b, GpuSample.UTIL, gpu, "usage", "gfx_activity");
    measured(b, GpuSample.VRAM_TOTAL, gpu, "mem_usage", "total_vram");
    measured(b, GpuSample.VRAM_USED, gpu, "mem_usage", "used_vram");
    measured(b, GpuSample.POWER, gpu, "power", "socket_power");
    measured(b, GpuSample.TEMP, gpu, "temperature", "hotspot");
    measured(b, GpuSample.TEMP, gpu, "temperature", "edge"); // only if hotspot gave nothing
    return b.build();
  }

  private static void measured(SampleBuilder b, String field, JsonNode gpu, String section, String key) {
    if (b.has(field)) {
      return;
    }
    JsonNode s = gpu.get(section);
    if (s == null) {
      b.missing(field, "amd-smi printed no " + section + " section (not requested?)");
      return;
    }
    if (!s.isObject()) {
      b.missing(field, "amd-smi " + section + ": " + SampleBuilder.reasonFor(s.asText()));
      return;
    }
    JsonNode v = s.get(key);
    if (v == null) {
      b.missing(field, "amd-smi printed no " + section + "." + key);
    } else if (v.isObject() && v.path("value").isNumber()) {
      put(b, field, v.get("value").asDouble(), v.path("unit").asText(""));
    } else if (v.isNumber()) {
      put(b, field, v.asDouble(), "");
    } else {
      b.missing(field, "amd-smi " + section + "." + key + ": "
          + SampleBuilder.reasonFor(v.isObject() ? v.path("value").asText() : v.asText()));
    }
  }

  private static void put(SampleBuilder b, String field, double value, String unit) {
    if (field.equals(GpuSample.VRAM_TOTAL) || field.equals(GpuSample.VRAM_USED)) {
      long perUnit = switch (unit.toUpperCase(Locale.ROOT)) {
        case "B" -> 1L;
        case "KB", "KIB" -> 1L << 10;
        case "GB", "GIB" -> 1L << 30;
        default -> 1L << 20; // "MB" is MiB in amd-smi, and the documented unit
      };
      b.put(field, Math.round(value * perUnit));
    } else {
      b.put(field, value);
    }
  }
}
