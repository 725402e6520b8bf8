package org.burstflow.activities.analysis.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rocm-smi --showuse --showmemuse --showpower --showtemp --showmeminfo vram --json}, all
 * ROCm key sets: 5.x and 6.0.x ({@code GPU memory use (%)}, which is memory <em>bandwidth</em>
 * busy, not occupancy, so it is never read as VRAM) and ≥ 6.1.2 ({@code GPU Memory Allocated
 * (VRAM%)}). All values are strings; a field rocm-smi cannot read is absent, or {@code N/A}
 * (5.x), or {@code N/A (Secondary die)} for power on the second GCD of an MI250X.
 */
final class RocmSmiParser {

  static final String TOOL = "rocm-smi";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CARD = Pattern.compile("card(\\d+)");
  // Power key changed across versions: Average… (≤ 6.0), Current Socket… (MI300, ≥ 6.0).
  private static final Pattern POWER_KEY =
      Pattern.compile("(Average|Current Socket) Graphics Package Power \\(W\\)");
  // Junction (hotspot) is what throttles; edge is the fallback on boards without it.
  private static final List<String> TEMP_KEYS =
      List.of("Temperature (Sensor junction) (C)", "Temperature (Sensor edge) (C)");

  private RocmSmiParser() {}

  static GpuParseResult parse(String output, Instant time) {
    String text = output == null ? "" : output.strip();
    List<String> warnings = new ArrayList<>();
    if (text.isEmpty() || text.startsWith("WARNING: No JSON data")) {
      return new GpuParseResult(List.of(), warnings); // no driver / no GPU: no GPUs
    }
    int brace = text.indexOf('{');
    if (brace < 0) {
      throw new IllegalArgumentException("rocm-smi output is not JSON: " + abbreviate(text));
    }
    JsonNode root;
    try {
      // rocm-smi may print WARNING lines before the JSON document.
      root = JSON.readTree(text.substring(brace));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("rocm-smi output is not valid JSON: " + e.getOriginalMessage());
    }
    List<GpuSample> samples = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> card = it.next();
      Matcher m = CARD.matcher(card.getKey());
      if (!m.matches()) {
        continue; // "system" and other non-device sections
      }
      samples.add(sample(Integer.parseInt(m.group(1)), card.getValue(), time));
    }
    return new GpuParseResult(samples, warnings);
  }

  private static GpuSample sample(int index, JsonNode card, Instant time) {
    SampleBuilder b = new SampleBuilder(TOOL, index).time(time);
    String absent = "not printed by rocm-smi (unsupported on this device or version)";
    b.decimal(GpuSample.UTIL, text(card, "GPU use (%)"), absent);
    b.bytes(GpuSample.VRAM_TOTAL, text(card, "VRAM Total Memory (B)"), 1, absent);
    b.bytes(GpuSample.VRAM_USED, text(card, "VRAM Total Used Memory (B)"), 1, absent);
    usedFromAllocatedPercent(b, card);
    b.decimal(GpuSample.POWER, powerText(card), absent);
    b.decimal(GpuSample.TEMP, firstPresent(card, TEMP_KEYS), absent);
    return b.build();
  }

  /**
   * ≥ 6.1.2 without byte counters: the allocated-VRAM percentage times the total is a real
   * reading, only rounder. The older {@code GPU memory use (%)} is bandwidth and is never used.
   */
  private static void usedFromAllocatedPercent(SampleBuilder b, JsonNode card) {
    Double pct = SampleBuilder.number(text(card, "GPU Memory Allocated (VRAM%)"));
    Double total = SampleBuilder.number(text(card, "VRAM Total Memory (B)"));
    if (!b.has(GpuSample.VRAM_USED) && pct != null && total != null) {
      b.put(GpuSample.VRAM_USED, Math.round(pct / 100.0 * total));
    }
  }

  private static String powerText(JsonNode card) {
    for (Iterator<String> it = card.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (POWER_KEY.matcher(key).matches()) {
        return card.get(key).asText();
      }
    }
    return null;
  }

  private static String firstPresent(JsonNode card, List<String> keys) {
    String firstMissing = null;
    for (String key : keys) {
      String v = text(card, key);
      if (SampleBuilder.number(v) != null) {
        return v;
      }
      if (v != null && firstMissing == null) {
        firstMissing = v;
      }
    }
    return firstMissing;
  }

  private static String text(JsonNode card, String key) {
    JsonNode v = card.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
