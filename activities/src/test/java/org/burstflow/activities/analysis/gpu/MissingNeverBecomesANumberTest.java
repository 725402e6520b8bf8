package org.burstflow.activities.analysis.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever mix of real numbers and "missing" markers a tool prints, every field printed
 * as a missing marker comes out null with a reason, and every number comes out as that number.
 * Plain randomised loop with a fixed seed so a failure is reproducible.
 */
class MissingNeverBecomesANumberTest {

  private static final String[] ROCM_MISSING = {"N/A", "N/A (Secondary die)", "", "Unsupported", "-", "nan"};
  private static final String[] AMD_MISSING = {"\"N/A\"", "{\"value\": \"N/A\", \"unit\": \"%\"}", "null"};
  private static final String[] NVIDIA_MISSING = {"[N/A]", "[Not Supported]", "[Unknown Error]", "N/A"};
  private static final int RUNS = 2000;

  /** One generated field: its printed text and the number it must read as, or null. */
  private record Field(String text, Double expected) {}

  private static Field field(Random r, String[] missing, boolean json) {
    if (r.nextInt(3) == 0) {
      return new Field(missing[r.nextInt(missing.length)], null);
    }
    double v = r.nextInt(2) == 0 ? r.nextInt(101) : Math.round(r.nextDouble() * 50000) / 10.0;
    return new Field(json ? "\"" + v + "\"" : Double.toString(v), v);
  }

  @Test
  void rocmSmi() {
    Random r = new Random(6);
    for (int run = 0; run < RUNS; run++) {
      Field util = field(r, ROCM_MISSING, false);
      Field power = field(r, ROCM_MISSING, false);
      Field temp = field(r, ROCM_MISSING, false);
      String json = "{\"card0\": {\"GPU use (%)\": \"" + util.text()
          + "\", \"Average Graphics Package Power (W)\": \"" + power.text()
          + "\", \"Temperature (Sensor edge) (C)\": \"" + temp.text() + "\"}}";
      GpuSample s = GpuTool.ROCM_SMI.parse(json, Instant.EPOCH).samples().get(0);
      check(util, s.utilPct(), s, GpuSample.UTIL);
      check(power, s.powerW(), s, GpuSample.POWER);
      check(temp, s.tempC(), s, GpuSample.TEMP);
    }
  }

  @Test
  void amdSmi() {
    Random r = new Random(7);
    for (int run = 0; run < RUNS; run++) {
      Field util = field(r, AMD_MISSING, false);
      Field power = field(r, AMD_MISSING, false);
      String json = "[{\"gpu\": 0, \"usage\": {\"gfx_activity\": " + amdValue(util, "%")
          + "}, \"power\": {\"socket_power\": " + amdValue(power, "W") + "}}]";
      GpuSample s = GpuTool.AMD_SMI.parse(json, Instant.EPOCH).samples().get(0);
      check(util, s.utilPct(), s, GpuSample.UTIL);
      check(power, s.powerW(), s, GpuSample.POWER);
    }
  }

  @Test
  void nvidiaSmi() {
    Random r = new Random(8);
    for (int run = 0; run < RUNS; run++) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fields.add(field(r, NVIDIA_MISSING, false));
      }
      String line = "0, " + String.join(", ", fields.stream().map(Field::text).toList());
      GpuSample s = GpuTool.NVIDIA_SMI.parse(line, Instant.EPOCH).samples().get(0);
      check(fields.get(0), s.utilPct(), s, GpuSample.UTIL);
      check(fields.get(4), s.tempC(), s, GpuSample.TEMP);
      check(fields.get(3), s.powerW(), s, GpuSample.POWER);
      if (fields.get(1).expected() == null) {
        assertNull(s.vramUsedBytes(), line);
      }
    }
  }

  @Test
  void dcgmiStats() {
    Random r = new Random(9);
    for (int run = 0; run < RUNS; run++) {
      Field util = field(r, new String[] {"N/A", "Not Specified"}, false);
      Field power = field(r, new String[] {"N/A", "Not Specified"}, false);
      String block = "| GPU ID: 0 |\n| SM Utilization (%) | Avg: " + util.text() + ", Max: 1, Min: 0 |\n"
          + "| Power Usage (Watts) | Avg: " + power.text() + ", Max: N/A, Min: N/A |\n";
      GpuSample s = GpuTool.DCGMI_STATS.parse(block, Instant.EPOCH).samples().get(0);
      check(util, s.utilPct(), s, GpuSample.UTIL);
      check(power, s.powerW(), s, GpuSample.POWER);
    }
  }

  private static String amdValue(Field f, String unit) {
    return f.expected() == null ? f.text() : "{\"value\": " + f.expected() + ", \"unit\": \"" + unit + "\"}";
  }

  private static void check(Field f, Double actual, GpuSample s, String name) {
    if (f.expected() == null) {
      assertNull(actual, name + " from '" + f.text() + "'");
      assertNotNull(s.missing().get(name), name + " has no reason");
    } else {
      assertEquals(f.expected(), actual, name);
    }
  }
}
