package org.burstflow.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.burstflow.activities.analysis.gpu.GpuSample;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.junit.jupiter.api.Test;

class GpuSeriesAccumulatorTest {

  private static GpuSample at(long second, Double util) {
    return new GpuSample(Instant.ofEpochSecond(second), "test", 0, util, null, null, null, null,
        util == null
            ? Map.of("util_pct", "N/A", "vram_used_bytes", "x", "vram_total_bytes", "x", "power_w", "x", "temp_c", "x")
            : Map.of("vram_used_bytes", "x", "vram_total_bytes", "x", "power_w", "x", "temp_c", "x"));
  }

  @Test
  void wasteIsTimeWeightedAndTheLastSampleTakesThePreviousInterval() {
    GpuSeriesAccumulator acc = new GpuSeriesAccumulator("n:0", 5);
    acc.add(at(0, 100.0));
    acc.add(at(10, 0.0));
    acc.add(at(12, 50.0));
    PerGpuUsage u = acc.finish();
    // 10 s at 100 % + 2 s at 0 % + 2 s (previous interval) at 50 % = 3 s wasted
    assertEquals(3.0 / 3600, u.gpuHoursWasted(), 1e-12);
    assertEquals(50.0 / 100, u.meanUtil(), 1e-12);
    assertEquals(2.0, u.longestIdleGapSeconds(), 1e-12);
  }

  @Test
  void aLongSilenceIsAHoleNotWaste() {
    GpuSeriesAccumulator acc = new GpuSeriesAccumulator("n:0", 5);
    acc.add(at(0, 0.0));
    acc.add(at(3600, 100.0));
    acc.add(at(3601, 100.0));
    assertEquals(GpuSeriesAccumulator.MAX_DELTA_SECONDS / 3600, acc.finish().gpuHoursWasted(), 1e-12);
  }

  @Test
  void missingUtilisationEndsAnIdleStretchAndIsNotCounted() {
    GpuSeriesAccumulator acc = new GpuSeriesAccumulator("n:0", 5);
    acc.add(at(0, 0.0));
    acc.add(at(1, 0.0));
    acc.add(at(2, null));
    acc.add(at(3, 0.0));
    acc.add(at(4, 90.0));
    PerGpuUsage u = acc.finish();
    assertEquals(4, u.utilSamples());
    assertEquals(5, u.samples());
    assertEquals(2.0, u.longestIdleGapSeconds(), 1e-12);
    assertEquals(0.75, u.idleFraction(), 1e-12);
  }
}
