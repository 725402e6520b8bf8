package org.burstflow.activities.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.Savings;
import org.burstflow.contracts.analysis.SbatchChange;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * The advisory sbatch diff: fewer GPUs when only some did work, {@code --mem} at 1.2 × peak
 * (whole GiB, rounded up), {@code --time} at 1.2 × this run or, with ≥ 3 runs of the script,
 * 1.2 × their p95, fewer cores for a CPU job that used few. Nothing is suggested from data of low
 * confidence, and a change must shrink a request by at least 20 % to be worth a line.
 */
final class RightSizer {

  private static final double HEADROOM = 1.2;
  private static final double WORTH_IT = 0.8;
  private static final int HISTORY_FOR_P95 = 3;
  private static final long GIB = 1L << 30;

  private RightSizer() {}

  record Advice(List<SbatchChange> diff, Savings savings) {}

  static Advice advise(AnalysisFacts f, EfficiencyClass cls) {
    List<SbatchChange> diff = new ArrayList<>();
    double hours = f.elapsedSeconds() / 3600.0;
    int gpusSaved = gpus(f, cls, diff);
    int coresSaved = cores(f, cls, diff);
    memory(f, diff);
    time(f, diff);
    double gpuHours = gpusSaved * hours;
    double coreHours = coresSaved * hours;
    return new Advice(diff, new Savings(round(coreHours), round(gpuHours), money(f.settings(), gpuHours, coreHours),
        f.settings().currency()));
  }

  private static int gpus(AnalysisFacts f, EfficiencyClass cls, List<SbatchChange> diff) {
    if (!f.hasGpuUtil() || cls == EfficiencyClass.INSUFFICIENT_DATA || f.gpu().confidence() == Confidence.LOW) {
      return 0;
    }
    int allocated = f.gpu().allocatedGpus();
    int needed = Math.max(1, Math.max(f.busyGpus().size(), (int) Math.ceil(f.gpu().effectiveGpus() - 1e-9)));
    if (needed >= allocated) {
      return 0;
    }
    diff.add(new SbatchChange("--gpus", String.valueOf(allocated), String.valueOf(needed),
        f.busyGpus().size() + " GPU(s) busy (mean ≥ " + RootCauseRules.pct(f.settings().busyUtilFraction())
            + "), effective GPUs " + RootCauseRules.num(f.gpu().effectiveGpus())));
    return allocated - needed;
  }

  /** Only single-node CPU jobs: cores of multi-node or GPU jobs follow tasks and GPUs. */
  private static int cores(AnalysisFacts f, EfficiencyClass cls, List<SbatchChange> diff) {
    JobAccounting a = f.accounting();
    Double eff = a.cpuEfficiency();
    if (f.gpu() != null || eff == null || a.allocNodes() != 1 || a.allocCpus() < 2
        || cls == EfficiencyClass.INSUFFICIENT_DATA || eff >= 0.5) {
      return 0;
    }
    int needed = Math.max(1, (int) Math.ceil(eff * a.allocCpus() * HEADROOM));
    if (needed > a.allocCpus() * WORTH_IT) {
      return 0;
    }
    diff.add(new SbatchChange("--cpus-per-task", String.valueOf(a.allocCpus()), String.valueOf(needed),
        "CPU efficiency " + RootCauseRules.pct(eff) + " = " + RootCauseRules.num(eff * a.allocCpus())
            + " cores busy on average; assumes one task"));
    return a.allocCpus() - needed;
  }

  private static void memory(AnalysisFacts f, List<SbatchChange> diff) {
    JobAccounting a = f.accounting();
    Long req = a.requestedMemoryPerNodeBytes();
    if (req == null) {
      return;
    }
    if (f.state().equals("OUT_OF_MEMORY")) {
      long more = (long) Math.ceil(req * 1.5 / GIB);
      diff.add(new SbatchChange("--mem", gib(req), more + "G", "the job ran out of memory at " + gib(req)));
      return;
    }
    Long peak = a.peakRssBytes();
    if (peak == null || f.elapsedSeconds() < f.settings().minRuntimeSeconds()) {
      return;
    }
    long suggested = Math.max(1, (long) Math.ceil(peak * HEADROOM / GIB));
    if (suggested * GIB <= req * WORTH_IT) {
      diff.add(new SbatchChange("--mem", gib(req), suggested + "G",
          "peak " + RootCauseRules.gib(peak) + " per node × 1.2"));
    }
  }

  private static void time(AnalysisFacts f, List<SbatchChange> diff) {
    Duration limit = f.accounting().timeLimit();
    Duration elapsed = f.accounting().elapsed();
    if (limit == null || elapsed == null) {
      return;
    }
    if (f.state().equals("TIMEOUT")) {
      diff.add(new SbatchChange("--time", SlurmTime.format(limit), SlurmTime.format(roundUp(limit.multipliedBy(3).dividedBy(2))),
          "the job reached its limit; 1.5 × the limit"));
      return;
    }
    if (!f.state().equals("COMPLETED") || f.elapsedSeconds() < f.settings().minRuntimeSeconds()) {
      return;
    }
    List<Duration> runs = new ArrayList<>();
    runs.add(elapsed);
    f.history().stream().filter(r -> "COMPLETED".equals(r.state()) && r.elapsed() != null)
        .forEach(r -> runs.add(r.elapsed()));
    Duration basis;
    String why;
    if (runs.size() >= HISTORY_FOR_P95) {
      basis = p95(runs);
      why = "p95 of " + runs.size() + " completed runs of this script (" + SlurmTime.format(basis) + ") × 1.2";
    } else {
      basis = elapsed;
      why = "this run (" + SlurmTime.format(elapsed) + ") × 1.2; fewer than 3 runs of this script known";
    }
    Duration suggested = roundUp(Duration.ofMillis(Math.round(basis.toMillis() * HEADROOM)));
    if (suggested.toMillis() <= limit.toMillis() * WORTH_IT) {
      diff.add(new SbatchChange("--time", SlurmTime.format(limit), SlurmTime.format(suggested), why));
    }
  }

  private static Duration p95(List<Duration> runs) {
    List<Duration> sorted = runs.stream().sorted().toList();
    int rank = (int) Math.ceil(0.95 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** Whole minutes, at least five: a tighter limit only risks a TIMEOUT for no gain. */
  private static Duration roundUp(Duration d) {
    long minutes = Math.max(5, (d.toSeconds() + 59) / 60);
    return Duration.ofMinutes(minutes);
  }

  private static BigDecimal money(AnalysisSettings s, double gpuHours, double coreHours) {
    if (s.gpuHourPrice() == null && s.coreHourPrice() == null) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    if (s.gpuHourPrice() != null) {
      total = total.add(s.gpuHourPrice().multiply(BigDecimal.valueOf(gpuHours * s.gpuBillingFactor())));
    }
    if (s.coreHourPrice() != null) {
      total = total.add(s.coreHourPrice().multiply(BigDecimal.valueOf(coreHours)));
    }
    return total.setScale(4, RoundingMode.HALF_UP);
  }

  private static String gib(long bytes) {
    return bytes % GIB == 0 ? bytes / GIB + "G" : (long) Math.ceil(bytes / 1048576.0) + "M";
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
