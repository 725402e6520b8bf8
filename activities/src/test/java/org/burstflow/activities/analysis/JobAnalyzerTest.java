package org.burstflow.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.analysis.SbatchChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobAnalyzerTest {

  @TempDir Path tmp;

  private final OfflineAnalysis offline = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC);

  private JobAnalysis analyze(String sacctFixture, Path samples) throws IOException {
    List<JobAnalysis> all = offline.analyze(
        new BufferedReader(new StringReader(Fixtures.read("sacct/" + sacctFixture))), "lumi", samples);
    return all.get(0);
  }

  private static Map<String, RootCause> causes(JobAnalysis a) {
    return a.causes().stream().collect(Collectors.toMap(RootCause::code, c -> c));
  }

  private static Map<String, SbatchChange> diff(JobAnalysis a) {
    return a.sbatchDiff().stream().collect(Collectors.toMap(SbatchChange::option, c -> c));
  }

  @Test
  void lumiJobUsingTwoOfEightGcdsIsOverscaledAndRightSizedToTwo() throws IOException {
    // 4 h at 2 s would be 7200 samples; 600 are enough to show the pattern.
    Path spool = TestSpool.rocm(tmp.resolve("7001"), "nid005001", "0,1,2,3,4,5,6,7", 8, 600, 2,
        (i, c) -> c < 2 ? 90 + (i % 10) : 0, (i, c) -> c % 2 == 1 ? -1 : c < 2 ? 400 : 90);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool.getParent());
    assertEquals(8, a.gpu().allocatedGpus());
    assertEquals(8, a.gpu().gpusWithData());
    assertEquals(4800, a.gpu().samples());
    assertEquals(0.2356, a.gpu().meanUtil(), 1e-3); // (2 × 94.5 %) / 8
    assertEquals(1.89, a.gpu().effectiveGpus(), 1e-2);
    assertEquals(0.75, a.gpu().idleFraction(), 1e-9);
    assertEquals(1.0, a.gpu().imbalance(), 1e-9);
    assertEquals(Confidence.HIGH, a.gpu().confidence());
    assertEquals(EfficiencyClass.INEFFICIENT, a.efficiencyClass());
    RootCause over = causes(a).get("OVERSCALING");
    assertNotNull(over, a.causes().toString());
    assertEquals("2", over.evidence().get("busy_gpus"));
    assertEquals("--gpus=8 -> --gpus=2", diff(a).get("--gpus").line());
    assertEquals("--mem=480G -> --mem=104G", diff(a).get("--mem").line());
    assertEquals("--time=2-00:00:00 -> --time=04:48:00", diff(a).get("--time").line());
    assertEquals(24.0, a.savings().gpuHours(), 1e-9); // 6 GCDs × 4 h
    assertTrue(causes(a).containsKey("MEMORY_OVER_REQUEST"));
    assertTrue(causes(a).containsKey("TIME_LIMIT_OVER_REQUEST"));
    assertEquals(0.215, a.cpuEfficiency(), 1e-3);
  }

  @Test
  void onlyTheFirstGpuBusyIsAParallelismMismatch() throws IOException {
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0,1,2,3", 4, 100, 5,
        (i, c) -> c == 0 ? 99 : 0, (i, c) -> 100);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool);
    assertTrue(causes(a).containsKey("PARALLELISM_MISMATCH"), a.causes().toString());
    assertFalse(causes(a).containsKey("OVERSCALING"));
    // 4 GPUs seen, AllocTRES says 8: utilisation known for 4 of 8 → low confidence, no GPU diff
    assertEquals(Confidence.LOW, a.gpu().confidence());
    assertNull(diff(a).get("--gpus"));
  }

  @Test
  void regularDropsToIdleAreIoOrSyncStalls() throws IOException {
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0", 1, 300, 1,
        (i, c) -> i % 30 < 3 ? 0 : 97, (i, c) -> 300);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool);
    RootCause stalls = causes(a).get("IO_OR_SYNC_STALLS");
    assertNotNull(stalls, a.causes().toString());
    assertEquals("10", stalls.evidence().get("idle_episodes"));
    assertEquals("30.00", stalls.evidence().get("mean_interval_s"));
    assertEquals(3.0, a.gpu().longestIdleGapSeconds(), 1e-9);
  }

  @Test
  void aSpoolRootGivesEachJobItsOwnSamples() throws IOException {
    TestSpool.rocm(tmp.resolve("root/7001"), "nid005001", "0,1,2,3,4,5,6,7", 8, 100, 2,
        (i, c) -> 80, (i, c) -> 400);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", tmp.resolve("root"));
    assertEquals(0.80, a.gpu().meanUtil(), 1e-9);
    JobAnalysis other = offline.analyze(new BufferedReader(new StringReader(
        Fixtures.read("sacct/completed-two-node-cloud.txt"))), "dev", tmp.resolve("root")).get(0);
    assertNull(other.gpu()); // a CPU job: AllocTRES has no GPUs, and no 4242/ in the root
  }

  @Test
  void tooFewSamplesIsInsufficientDataNeverWasted() throws IOException {
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0", 1, 3, 5, (i, c) -> 0, (i, c) -> 90);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool);
    assertEquals(EfficiencyClass.INSUFFICIENT_DATA, a.efficiencyClass());
    assertTrue(a.classBasis().contains("3 GPU utilisation samples"), a.classBasis());
  }

  @Test
  void noGpuToolOnTheNodeIsSaidNotGuessed() throws IOException {
    java.nio.file.Files.createDirectories(tmp.resolve("j"));
    java.nio.file.Files.writeString(tmp.resolve("j/nid1.gpu"),
        "# burstflow-gpu-sampler 1 host=nid1 tool=none gpus=0,1 interval=2\n");
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", tmp.resolve("j"));
    assertEquals(EfficiencyClass.INSUFFICIENT_DATA, a.efficiencyClass());
    assertTrue(a.gpu().noDataReason().contains("no GPU tool"), a.gpu().noDataReason());
    assertNull(a.gpu().meanUtil());
    assertNull(a.gpu().gpuHoursWasted());
  }

  @Test
  void gpuJobWithoutAnySamplesSaysSo() throws IOException {
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", null);
    assertEquals(EfficiencyClass.INSUFFICIENT_DATA, a.efficiencyClass());
    assertTrue(a.classBasis().startsWith("no GPU data"), a.classBasis());
  }

  @Test
  void busyUtilisationAtIdlePowerLowersConfidence() throws IOException {
    // amd-smi/rocm-smi pinned-busy case: GPU 0 "100 %" at the power of idle GPU 1.
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0,1", 2, 100, 2,
        (i, c) -> c == 0 ? 100 : 0, (i, c) -> 95);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool);
    assertEquals(Confidence.LOW, a.gpu().confidence());
    assertTrue(a.gpu().confidenceNotes().stream().anyMatch(n -> n.contains("pinned")));
  }

  @Test
  void missingUtilisationSamplesAreNotCountedAsIdle() throws IOException {
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0", 1, 100, 2,
        (i, c) -> i % 2 == 0 ? -1 : 80, (i, c) -> 300);
    JobAnalysis a = analyze("lumi-gpu-8gcd.txt", spool);
    assertEquals(0.80, a.gpu().meanUtil(), 1e-9);
    assertEquals(50, a.gpu().perGpu().get(0).utilSamples());
    assertEquals(0.0, a.gpu().idleFraction(), 1e-9);
  }

  @Test
  void cpuJobClassesOnCpuEfficiency() throws IOException {
    JobAnalysis a = analyze("completed-two-node-cloud.txt", null);
    assertNull(a.gpu());
    assertEquals(0.75, a.cpuEfficiency(), 1e-9);
    assertEquals(EfficiencyClass.EFFICIENT, a.efficiencyClass());
    assertEquals(0.5, a.timeEfficiency(), 1e-9);
  }

  @Test
  void failureStatesAreCauses() throws IOException {
    assertTrue(causes(analyze("out-of-memory.txt", null)).containsKey("OOM"));
    assertEquals("--mem=1G -> --mem=2G", diff(analyze("out-of-memory.txt", null)).get("--mem").line());
    JobAnalysis timeout = analyze("legacy-reqmem-per-node.txt", null);
    assertTrue(causes(timeout).containsKey("TIMEOUT"));
    assertEquals("--time=01:00:00 -> --time=01:30:00", diff(timeout).get("--time").line());
    RootCause failed = causes(analyze("failed.txt", null)).get("FAILED_START");
    assertNotNull(failed);
    assertEquals("1.23", failed.evidence().get("total_cpu_s"));
  }

  @Test
  void timeSuggestionUsesTheP95OfThreeOrMoreRuns() {
    var acc = new org.burstflow.contracts.slurm.JobAccounting(1, "x", "u", "a", "p", "COMPLETED", "0:0",
        null, null, Duration.ofHours(1), Duration.ofHours(10), 1, 4, "n1", Duration.ofHours(4),
        4L << 30, 1L << 30, 1.0, 0.25);
    List<PastRun> history = List.of(new PastRun(2, "COMPLETED", Duration.ofHours(2), null),
        new PastRun(3, "COMPLETED", Duration.ofMinutes(90), null), new PastRun(4, "FAILED", Duration.ofHours(9), null));
    JobAnalysis a = new JobAnalyzer(AnalysisSettings.defaults())
        .analyze(new org.burstflow.contracts.JobKey("c", 1), acc, null, history, "h");
    SbatchChange time = diff(a).get("--time");
    assertEquals("--time=10:00:00 -> --time=02:24:00", time.line());
    assertTrue(time.reason().contains("p95 of 3 completed runs"), time.reason());
  }

  @Test
  void serialCodeOnManyCoresIsFound() {
    var acc = new org.burstflow.contracts.slurm.JobAccounting(1, "x", "u", "a", "p", "COMPLETED", "0:0",
        null, null, Duration.ofHours(1), null, 1, 16, "n1", Duration.ofMinutes(60),
        null, null, 1.0 / 16, null);
    JobAnalysis a = new JobAnalyzer(AnalysisSettings.defaults())
        .analyze(new org.burstflow.contracts.JobKey("c", 1), acc, null, List.of(), null);
    assertTrue(causes(a).containsKey("PARALLELISM_MISMATCH"));
    assertEquals(EfficiencyClass.WASTED, a.efficiencyClass());
    assertEquals("--cpus-per-task=16 -> --cpus-per-task=2", diff(a).get("--cpus-per-task").line());
    assertEquals(14.0, a.savings().coreHours(), 1e-9);
  }

  @Test
  void classBoundaries() {
    assertEquals(EfficiencyClass.EFFICIENT, EfficiencyClass.of(0.70));
    assertEquals(EfficiencyClass.ACCEPTABLE, EfficiencyClass.of(0.6999));
    assertEquals(EfficiencyClass.ACCEPTABLE, EfficiencyClass.of(0.40));
    assertEquals(EfficiencyClass.INEFFICIENT, EfficiencyClass.of(0.3999));
    assertEquals(EfficiencyClass.INEFFICIENT, EfficiencyClass.of(0.15));
    assertEquals(EfficiencyClass.WASTED, EfficiencyClass.of(0.1499));
  }
}
