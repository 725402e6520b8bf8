package org.burstflow.activities.analysis.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.burstflow.activities.slurm.Fixtures;
import org.junit.jupiter.api.Test;

/** Fixtures written from the formats in efficiency-anchors.md §4 (checklist items 1–7). */
class GpuParsersTest {

  private static final Instant T = Instant.parse("2026-11-23T05:00:00Z");
  private static final long MIB = 1L << 20;

  private static List<GpuSample> parse(GpuTool tool, String fixture) {
    return tool.parse(Fixtures.read("gpu/" + fixture), T).samples();
  }

  @Test
  void rocmSmi60LumiNodeListsAllEightGcdsAndSecondaryDieHasNoPower() {
    List<GpuSample> s = parse(GpuTool.ROCM_SMI, "rocm-smi-6.0-lumi-8gcd.json");
    assertEquals(8, s.size());
    assertEquals(97.0, s.get(0).utilPct());
    assertEquals(412.0, s.get(0).powerW());
    assertEquals(58.0, s.get(0).tempC()); // junction preferred
    assertEquals(51527024640L, s.get(0).vramUsedBytes());
    assertEquals(68702699520L, s.get(0).vramTotalBytes());
    assertNull(s.get(1).powerW());
    assertTrue(s.get(1).missing().get(GpuSample.POWER).startsWith("secondary die"));
    // "GPU memory use (%)" is bandwidth: VRAM used must come from bytes, 41 % is not read as VRAM.
    assertEquals(50331648000L, s.get(1).vramUsedBytes());
    assertEquals(T, s.get(3).time());
    assertEquals(7, s.get(7).index());
  }

  @Test
  void rocmSmi612KeySetAndCurrentSocketPower() {
    List<GpuSample> s = parse(GpuTool.ROCM_SMI, "rocm-smi-6.1.2-keys.json");
    assertEquals(2, s.size()); // "system" is not a GPU
    assertEquals(102.0, s.get(0).powerW());
    assertEquals(51527024640L, s.get(0).vramUsedBytes());
    // card1 has no byte counter for used VRAM: 50 % allocated of the total is a real reading.
    assertEquals(34351349760L, s.get(1).vramUsedBytes());
    assertNull(s.get(1).tempC());
    assertTrue(s.get(1).missing().containsKey(GpuSample.TEMP));
    assertEquals(0.0, s.get(1).utilPct()); // a real 0 stays 0
  }

  @Test
  void rocmSmi5NaTemperaturesAndUnitsInValues() {
    List<GpuSample> s = parse(GpuTool.ROCM_SMI, "rocm-smi-5.2-na-temps.json");
    assertEquals(87.0, s.get(0).utilPct());
    assertEquals(54.0, s.get(0).tempC()); // junction N/A, edge "54.0c"
    assertNull(s.get(1).tempC());
    assertEquals("N/A", s.get(1).missing().get(GpuSample.TEMP));
    assertNull(s.get(1).powerW());
    assertEquals("N/A", s.get(1).missing().get(GpuSample.POWER));
  }

  @Test
  void rocmSmiCardWithoutGpuUseHasNullUtilNotZero() {
    GpuParseResult r = GpuTool.ROCM_SMI.parse(Fixtures.read("gpu/rocm-smi-no-use-card1.json"), T);
    assertEquals(198.5, r.samples().get(0).powerW());
    assertNull(r.samples().get(1).utilPct());
    assertTrue(r.samples().get(1).missing().get(GpuSample.UTIL).contains("not printed"));
  }

  @Test
  void emptyOutputIsNoGpus() {
    for (GpuTool tool : GpuTool.values()) {
      GpuParseResult r = tool.parse("", T);
      assertTrue(r.samples().isEmpty() && r.warnings().isEmpty(), tool.command());
    }
    assertTrue(GpuTool.ROCM_SMI.parse("WARNING: No JSON data to report\n", T).samples().isEmpty());
    assertTrue(GpuTool.NVIDIA_SMI.parse("No devices were found\n", T).samples().isEmpty());
  }

  @Test
  void garbageIsAnErrorNotNoGpus() {
    assertThrows(IllegalArgumentException.class, () -> GpuTool.ROCM_SMI.parse("{\"card0\": ", T));
    assertThrows(IllegalArgumentException.class, () -> GpuTool.AMD_SMI.parse("{\"x\": 1}", T));
  }

  @Test
  void amdSmiListLayoutWithNaSectionsAndMibMemory() {
    List<GpuSample> s = parse(GpuTool.AMD_SMI, "amd-smi-6.2-list.json");
    assertEquals(37.0, s.get(0).utilPct());
    assertEquals(16368 * MIB, s.get(0).vramTotalBytes());
    assertEquals(2048 * MIB, s.get(0).vramUsedBytes());
    assertEquals(201.0, s.get(0).powerW());
    assertEquals(52.0, s.get(0).tempC());
    assertNull(s.get(1).utilPct());
    assertEquals("amd-smi usage: N/A", s.get(1).missing().get(GpuSample.UTIL));
    assertNull(s.get(1).powerW());
    assertEquals(31.0, s.get(1).tempC()); // hotspot N/A, edge present
  }

  @Test
  void amdSmiWarningLinesBeforeTheJsonAreSkipped() {
    GpuParseResult r = GpuTool.AMD_SMI.parse(
        "WARNING: AMD SMI is running in a container [x]\n[{\"gpu\": 3, \"usage\": {\"gfx_activity\": {\"value\": 5, \"unit\": \"%\"}}}]", T);
    assertEquals(3, r.samples().get(0).index());
    assertEquals(5.0, r.samples().get(0).utilPct());
  }

  @Test
  void amdSmiGpuDataLayout() {
    List<GpuSample> s = parse(GpuTool.AMD_SMI, "amd-smi-7.2-gpu-data.json");
    assertEquals(1, s.size());
    assertEquals(100.0, s.get(0).utilPct());
    assertEquals(103.0, s.get(0).powerW());
    assertEquals(283 * MIB, s.get(0).vramUsedBytes());
    assertTrue(s.get(0).missing().isEmpty());
  }

  @Test
  void nvidiaSmiHeaderWithUnitsNaNotSupportedAndFallenOffTheBus() {
    GpuParseResult r = GpuTool.NVIDIA_SMI.parse(Fixtures.read("gpu/nvidia-smi-header-units.csv"), T);
    assertEquals(2, r.samples().size());
    assertEquals(1, r.warnings().size());
    assertTrue(r.warnings().get(0).contains("fallen off the bus"));
    GpuSample g0 = r.samples().get(0);
    assertEquals(99.0, g0.utilPct());
    assertEquals(30994 * MIB, g0.vramUsedBytes());
    assertEquals(250.12, g0.powerW());
    assertEquals(61.0, g0.tempC());
    GpuSample g1 = r.samples().get(1);
    assertNull(g1.utilPct());
    assertEquals("[N/A]", g1.missing().get(GpuSample.UTIL));
    assertEquals("[Not Supported]", g1.missing().get(GpuSample.POWER));
    assertEquals(0L, g1.vramUsedBytes());
  }

  @Test
  void nvidiaSmiNoheaderNounitsUsesTheSamplerColumns() {
    List<GpuSample> s = parse(GpuTool.NVIDIA_SMI, "nvidia-smi-noheader-nounits.csv");
    assertEquals(3, s.size());
    assertEquals(0.0, s.get(0).utilPct());
    assertEquals(81559 * MIB, s.get(0).vramTotalBytes());
    assertNull(s.get(1).powerW());
    assertNull(s.get(2).utilPct());
    assertEquals("[Not Supported]", s.get(2).missing().get(GpuSample.UTIL));
    assertNull(s.get(2).vramUsedBytes());
    assertNull(s.get(2).tempC());
  }

  @Test
  void nvidiaSmiHeaderNounits() {
    GpuSample g = parse(GpuTool.NVIDIA_SMI, "nvidia-smi-header-nounits.csv").get(0);
    assertEquals(55.0, g.utilPct());
    assertEquals(1024 * MIB, g.vramUsedBytes());
    assertNull(g.powerW());
  }

  @Test
  void dcgmiStatsVerboseAndMigBlock() {
    List<GpuSample> s = parse(GpuTool.DCGMI_STATS, "dcgmi-stats-verbose.txt");
    assertEquals(2, s.size());
    assertEquals(6, s.get(0).index());
    assertEquals(72.0, s.get(0).utilPct());
    assertEquals(208.35, s.get(0).powerW());
    assertEquals(7409238016L, s.get(0).vramUsedBytes());
    assertNull(s.get(0).tempC());
    assertNull(s.get(1).utilPct());
    assertEquals("N/A", s.get(1).missing().get(GpuSample.UTIL));
    assertNull(s.get(1).powerW());
  }

  @Test
  void jobstatsJs1SummariesIncludingAGpuWithoutUtilisation() {
    assertEquals(Js1AdminComment.Status.SHORT, Js1AdminComment.decode(Fixtures.read("gpu/js1-short.txt")).status());
    assertEquals(Js1AdminComment.Status.NONE, Js1AdminComment.decode(Fixtures.read("gpu/js1-none.txt")).status());
    Js1AdminComment.Js1Summary js1 = Js1AdminComment.decode(Fixtures.read("gpu/js1-46044267.txt"));
    assertEquals(2, js1.gpus().size());
    assertEquals("della-l05g2", js1.hosts().get(0));
    GpuSample gpu2 = js1.gpus().get(0);
    assertEquals(2, gpu2.index());
    assertNull(gpu2.utilPct()); // reportseff would say 0 %, jobstats would drop it
    assertEquals("no entry for GPU 2 in the JS1 summary", gpu2.missing().get(GpuSample.UTIL));
    assertEquals(875364352L, gpu2.vramUsedBytes());
    assertEquals(9.5, js1.gpus().get(1).utilPct());
    assertThrows(IllegalArgumentException.class, () -> Js1AdminComment.decode("JS2:abc"));
  }
}
