package org.burstflow.activities.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntBinaryOperator;

/**
 * Writes a spool file in the sampler's format with rocm-smi 6.0 JSON blocks, for scenarios.
 * {@code util.applyAsInt(sample, card)} gives each card's GPU use (%); -1 prints no value.
 */
public final class TestSpool {

  public static final long START = 1_763_859_600L; // 2026-11-23T01:00:00Z

  private TestSpool() {}

  public static Path rocm(Path dir, String host, String gpus, int cards, int samples, int intervalS,
      IntBinaryOperator util, IntBinaryOperator power) throws IOException {
    StringBuilder sb = new StringBuilder("# burstflow-gpu-sampler 1 host=" + host
        + " tool=rocm-smi gpus=" + gpus + " interval=" + intervalS + "\n");
    for (int i = 0; i < samples; i++) {
      sb.append("@@ ").append(START + (long) i * intervalS).append(".000\n{");
      for (int c = 0; c < cards; c++) {
        int u = util.applyAsInt(i, c);
        sb.append(c == 0 ? "" : ", ").append("\"card").append(c).append("\": {");
        if (u >= 0) {
          sb.append("\"GPU use (%)\": \"").append(u).append("\", ");
        }
        int p = power.applyAsInt(i, c);
        sb.append("\"Average Graphics Package Power (W)\": \"")
            .append(p < 0 ? "N/A (Secondary die)" : String.format(Locale.ROOT, "%d.0", p)).append("\", ")
            .append("\"VRAM Total Memory (B)\": \"68702699520\", ")
            .append("\"VRAM Total Used Memory (B)\": \"").append(u > 0 ? 34359738368L : 11665408L).append("\"}");
      }
      sb.append("}\n");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve(host + ".gpu");
    Files.writeString(file, sb.toString());
    return file;
  }
}
