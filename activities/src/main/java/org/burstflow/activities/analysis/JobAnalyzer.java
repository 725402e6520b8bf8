package org.burstflow.activities.analysis;

import java.util.List;
import java.util.Locale;
import org.burstflow.activities.analysis.GpuUsageCalculator.GpuAnalysis;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * One job's analysis from its accounting, its GPU figures and its script's history: the
 * efficiency class, root causes and sbatch diff. Pure: same inputs, same answer.
 */
public final class JobAnalyzer {

  private final AnalysisSettings settings;

  public JobAnalyzer(AnalysisSettings settings) {
    this.settings = settings;
  }

  /**
   * @param gpu null for a job that has no GPUs
   * @param history earlier runs of the same script by the same user (not this job)
   */
  public JobAnalysis analyze(JobKey job, JobAccounting accounting, GpuAnalysis gpu, List<PastRun> history,
      String scriptHash) {
    AnalysisFacts f = new AnalysisFacts(accounting, gpu == null ? null : gpu.usage(),
        gpu == null ? List.of() : gpu.stalls(), history, settings);
    Classified c = classify(f);
    List<RootCause> causes = RootCauseRules.evaluate(f);
    RightSizer.Advice advice = RightSizer.advise(f, c.cls());
    return new JobAnalysis(job.cluster(), job.jobId(), accounting.user(), accounting.state(),
        accounting.elapsed() == null ? null : f.elapsedSeconds(),
        accounting.cpuEfficiency(), accounting.memoryEfficiency(), f.timeEfficiency(),
        f.gpu(), c.cls(), c.basis(), causes, advice.diff(), advice.savings(), scriptHash);
  }

  private record Classified(EfficiencyClass cls, String basis) {}

  private Classified classify(AnalysisFacts f) {
    if (f.accounting().elapsed() == null || f.elapsedSeconds() < settings.minRuntimeSeconds()) {
      return insufficient("run of " + RootCauseRules.num(f.elapsedSeconds()) + " s is shorter than "
          + RootCauseRules.num(settings.minRuntimeSeconds()) + " s");
    }
    GpuUsage gpu = f.gpu();
    if (gpu != null) {
      if (gpu.meanUtil() == null) {
        return insufficient("no GPU data: " + gpu.noDataReason());
      }
      long fewest = gpu.perGpu().stream().filter(g -> g.meanUtil() != null)
          .mapToLong(g -> g.utilSamples()).min().orElse(0);
      if (fewest < settings.minSamplesPerGpu()) {
        return insufficient(fewest + " GPU utilisation samples, fewer than " + settings.minSamplesPerGpu());
      }
      return new Classified(EfficiencyClass.of(gpu.meanUtil()),
          "GPU mean utilisation " + pct(gpu.meanUtil()) + " over " + gpu.gpusWithData() + " GPU(s)");
    }
    Double cpu = f.accounting().cpuEfficiency();
    if (cpu == null) {
      return insufficient("sacct has no CPU time for this job");
    }
    return new Classified(EfficiencyClass.of(cpu), "CPU efficiency " + pct(cpu));
  }

  private static Classified insufficient(String why) {
    return new Classified(EfficiencyClass.INSUFFICIENT_DATA, why);
  }

  private static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f%%", f * 100);
  }
}
