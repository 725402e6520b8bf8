package org.burstflow.activities.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.burstflow.activities.analysis.GpuUsageCalculator.StallEvidence;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.PerGpuUsage;
import org.burstflow.contracts.analysis.RootCause;

/**
 * The deterministic root-cause rules. Each rule looks at figures only, may fire together with
 * others, and names the numbers that fired it. Confidences are halved when the GPU data itself
 * is of low confidence (few samples, GPUs unseen, utilisation not corroborated by power).
 */
final class RootCauseRules {

  private static final double CPU_SATURATED = 0.85;
  private static final double GPU_LOW = 0.40;
  private static final double MEMORY_OVER = 0.50;
  private static final long MEMORY_FLOOR_BYTES = 2L << 30; // below 2 GiB per node, nobody cares
  private static final double TIME_OVER = 0.50;
  private static final double FAILED_START_SECONDS = 60;
  private static final int MIN_STALL_EPISODES = 3;
  private static final double REGULAR_SPACING = 0.5; // coefficient of variation of the intervals

  private RootCauseRules() {}

  static List<RootCause> evaluate(AnalysisFacts f) {
    List<RootCause> causes = new ArrayList<>();
    stateCauses(f, causes);
    gpuSpread(f, causes);
    cpuBottleneck(f, causes);
    stalls(f, causes);
    serialOnManyCores(f, causes);
    memoryOverRequest(f, causes);
    timeOverRequest(f, causes);
    if (f.gpu() != null && f.gpu().confidence() == Confidence.LOW) {
      causes.replaceAll(c -> GPU_RULES.contains(c.code())
          ? new RootCause(c.code(), c.summary(), round(c.confidence() / 2), c.evidence()) : c);
    }
    return causes;
  }

  private static final List<String> GPU_RULES =
      List.of("OVERSCALING", "PARALLELISM_MISMATCH", "CPU_BOTTLENECK", "IO_OR_SYNC_STALLS");

  private static void stateCauses(AnalysisFacts f, List<RootCause> causes) {
    String state = f.state();
    if (state.equals("OUT_OF_MEMORY")) {
      causes.add(cause("OOM", "the job ran out of memory and was killed", 1.0,
          "state", state, "requested_mem_per_node", gib(f.accounting().requestedMemoryPerNodeBytes()),
          "peak_rss", gib(f.accounting().peakRssBytes())));
    }
    if (state.equals("TIMEOUT")) {
      causes.add(cause("TIMEOUT", "the job reached its time limit and was killed", 1.0,
          "state", state, "elapsed_s", num(f.elapsedSeconds()),
          "time_limit_s", f.accounting().timeLimit() == null ? "none" : num(f.accounting().timeLimit().toSeconds())));
    }
    boolean failedState = state.equals("FAILED") || state.equals("NODE_FAIL") || state.equals("BOOT_FAIL");
    // Under 1 % of the allocation's core-time: the program never got going.
    Double cpuEff = f.accounting().cpuEfficiency();
    boolean noCpu = f.accounting().totalCpu() == null || cpuEff == null || cpuEff < 0.01;
    if (failedState && (f.elapsedSeconds() < FAILED_START_SECONDS || noCpu)) {
      causes.add(cause("FAILED_START", "the job failed at start-up: look at the first lines of its output",
          noCpu ? 0.9 : 0.7, "state", state, "elapsed_s", num(f.elapsedSeconds()),
          "total_cpu_s", f.accounting().totalCpu() == null ? "none" : num(f.accounting().totalCpu().toMillis() / 1000.0),
          "exit_code", String.valueOf(f.accounting().exitCode())));
    }
  }

  /** Overscaling (few GPUs busy of many) or parallelism mismatch (only the first GPU busy). */
  private static void gpuSpread(AnalysisFacts f, List<RootCause> causes) {
    if (!f.hasGpuUtil() || f.gpu().allocatedGpus() < 2) {
      return;
    }
    int allocated = f.gpu().allocatedGpus();
    List<PerGpuUsage> busy = f.busyGpus();
    if (busy.size() * 2 > allocated) {
      return;
    }
    PerGpuUsage first = f.gpusWithUtil().get(0);
    double effective = f.gpu().effectiveGpus();
    if (busy.size() == 1 && busy.get(0).gpu().equals(first.gpu())) {
      causes.add(cause("PARALLELISM_MISMATCH",
          "only the first GPU did work: the code may not be using more than one GPU "
              + "(device selection, HIP/CUDA_VISIBLE_DEVICES, one rank per GPU)",
          0.9, "allocated_gpus", String.valueOf(allocated), "busy_gpus", "1 (" + first.gpu() + ")",
          "first_gpu_mean_util", pct(first.meanUtil()), "effective_gpus", num(effective)));
    } else {
      causes.add(cause("OVERSCALING",
          busy.size() + " of " + allocated + " GPUs were busy: the job asked for more GPUs than it can use",
          round(Math.min(0.95, 1 - (double) busy.size() / allocated)),
          "allocated_gpus", String.valueOf(allocated), "busy_gpus", String.valueOf(busy.size()),
          "effective_gpus", num(effective), "busy_threshold", pct(f.settings().busyUtilFraction())));
    }
  }

  private static void cpuBottleneck(AnalysisFacts f, List<RootCause> causes) {
    Double cpu = f.accounting().cpuEfficiency();
    if (!f.hasGpuUtil() || cpu == null || f.gpu().meanUtil() >= GPU_LOW || cpu < CPU_SATURATED) {
      return;
    }
    double coresPerGpu = (double) f.accounting().allocCpus() / Math.max(1, f.gpu().allocatedGpus());
    causes.add(cause("CPU_BOTTLENECK",
        "the GPUs waited for the CPU cores, which were saturated (data loading or pre-processing?)",
        round(0.5 + (cpu - CPU_SATURATED) * 3), "gpu_mean_util", pct(f.gpu().meanUtil()),
        "cpu_efficiency", pct(cpu), "cores_per_gpu", num(coresPerGpu)));
  }

  /** Regularly spaced drops to idle on otherwise working GPUs. */
  private static void stalls(AnalysisFacts f, List<RootCause> causes) {
    if (!f.hasGpuUtil()) {
      return;
    }
    for (StallEvidence s : f.stalls()) {
      PerGpuUsage g = f.gpu().perGpu().stream().filter(p -> p.gpu().equals(s.gpu())).findFirst().orElse(null);
      if (g == null || g.meanUtil() == null || g.meanUtil() < f.settings().busyUtilFraction()
          || s.episodes() < MIN_STALL_EPISODES || s.intervalVariation() == null
          || s.intervalVariation() > REGULAR_SPACING) {
        continue;
      }
      causes.add(cause("IO_OR_SYNC_STALLS",
          "utilisation dropped to idle " + s.episodes() + " times at regular intervals: "
              + "I/O, checkpointing or synchronisation stalls",
          round(0.9 - s.intervalVariation()), "gpu", s.gpu(), "idle_episodes", String.valueOf(s.episodes()),
          "mean_interval_s", num(s.meanIntervalSeconds()), "interval_variation", num(s.intervalVariation()),
          "idle_fraction", pct(g.idleFraction())));
      return; // one GPU's evidence is enough; all GPUs usually stall together
    }
  }

  /** CPU efficiency ≈ 1 / cores: a serial code on a multi-core allocation. */
  private static void serialOnManyCores(AnalysisFacts f, List<RootCause> causes) {
    Double cpu = f.accounting().cpuEfficiency();
    int cores = f.accounting().allocCpus();
    if (cpu == null || cores < 2 || f.gpu() != null) {
      return;
    }
    double ratio = cpu * cores;
    if (ratio > 0.85 && ratio < 1.1) {
      causes.add(cause("PARALLELISM_MISMATCH",
          "CPU efficiency is about 1/" + cores + ": the code used one core of " + cores,
          0.85, "cpu_efficiency", pct(cpu), "alloc_cpus", String.valueOf(cores),
          "one_core_share", pct(1.0 / cores)));
    }
  }

  private static void memoryOverRequest(AnalysisFacts f, List<RootCause> causes) {
    Double eff = f.accounting().memoryEfficiency();
    Long req = f.accounting().requestedMemoryPerNodeBytes();
    if (eff == null || req == null || req < MEMORY_FLOOR_BYTES || eff >= MEMORY_OVER
        || f.elapsedSeconds() < f.settings().minRuntimeSeconds()) {
      return;
    }
    causes.add(cause("MEMORY_OVER_REQUEST", "the job used " + pct(eff) + " of the memory it requested",
        round(0.6 + (MEMORY_OVER - eff) * 0.7), "memory_efficiency", pct(eff),
        "requested_per_node", gib(req), "peak_rss", gib(f.accounting().peakRssBytes())));
  }

  private static void timeOverRequest(AnalysisFacts f, List<RootCause> causes) {
    Double eff = f.timeEfficiency();
    if (eff == null || !f.state().equals("COMPLETED") || eff >= TIME_OVER
        || f.elapsedSeconds() < f.settings().minRuntimeSeconds()) {
      return;
    }
    causes.add(cause("TIME_LIMIT_OVER_REQUEST", "the job needed " + pct(eff) + " of its time limit",
        round(0.6 + (TIME_OVER - eff) * 0.7), "time_efficiency", pct(eff),
        "elapsed_s", num(f.elapsedSeconds()), "time_limit_s", num(f.accounting().timeLimit().toSeconds())));
  }

  private static RootCause cause(String code, String summary, double confidence, String... evidence) {
    Map<String, String> e = new LinkedHashMap<>();
    for (int i = 0; i + 1 < evidence.length; i += 2) {
      e.put(evidence[i], evidence[i + 1]);
    }
    return new RootCause(code, summary, Math.max(0.05, Math.min(1.0, confidence)), e);
  }

  static String pct(Double fraction) {
    return fraction == null ? "unknown" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String gib(Long bytes) {
    return bytes == null ? "unknown" : String.format(Locale.ROOT, "%.1fG", bytes / (double) (1L << 30));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
