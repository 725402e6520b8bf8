package org.burstflow.activities.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.activities.analysis.GpuUsageCalculator.GpuAnalysis;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.burstflow.activities.slurm.AccountingNotSettledException;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.activities.slurm.SacctRow;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * The whole analysis on files, as {@code burstflow analyze} runs it: every job in a sacct dump,
 * with the GPU samples of a spool file or directory when given. No history (offline).
 */
public final class OfflineAnalysis {

  private final AnalysisSettings settings;
  private final ZoneId zone;

  public OfflineAnalysis(AnalysisSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  /**
   * @param gpuSamples a spool directory or {@code .gpu} file for the job; null = none given. With
   *     several jobs in the dump, the samples are taken to belong to the first GPU job.
   */
  public List<JobAnalysis> analyze(BufferedReader sacct, String cluster, Path gpuSamples) throws IOException {
    return analyze(sacct, cluster, gpuSamples, skipped -> { });
  }

  /**
   * The same; a job whose record has not settled (still running, no end time) is not analysed
   * but reported to {@code skipped}, so one running job does not stop a whole dump.
   */
  public List<JobAnalysis> analyze(BufferedReader sacct, String cluster, Path gpuSamples,
      java.util.function.Consumer<String> skipped) throws IOException {
    List<List<SacctRow>> jobs = new ArrayList<>();
    SacctJobStream stream = new SacctJobStream(jobs::add);
    SacctParser.read(sacct, stream);
    stream.flush();
    List<JobAnalysis> out = new ArrayList<>();
    boolean samplesUsed = false;
    for (List<SacctRow> rows : jobs) {
      long jobId = SacctJobStream.jobIdOf(rows.get(0));
      JobAccounting acc;
      try {
        acc = AccountingSummarizer.summarize(rows, jobId, zone);
      } catch (AccountingNotSettledException e) {
        skipped.accept("job " + jobId + " not analysed: " + e.getMessage());
        continue;
      }
      Integer gpus = rows.get(0).allocTresGpus(); // sacct prints the allocation line first
      boolean gpuJob = gpus != null ? gpus > 0 : gpuSamples != null;
      GpuAnalysis gpu = null;
      if (gpuJob && gpuSamples != null && !samplesUsed) {
        gpu = gpuFromSpool(gpuSamples, gpus);
        samplesUsed = true;
      } else if (gpuJob) {
        gpu = new GpuUsageCalculator(settings).finish(gpus, "no GPU samples given for this job");
      }
      out.add(new JobAnalyzer(settings).analyze(new JobKey(cluster, jobId), acc, gpu, List.of(), null));
    }
    return out;
  }

  GpuAnalysis gpuFromSpool(Path spool, Integer allocatedGpus) throws IOException {
    GpuUsageCalculator calc = new GpuUsageCalculator(settings);
    GpuSpoolReader.SpoolSummary summary = GpuSpoolReader.read(spool, calc::accept);
    return calc.finish(allocatedGpus, summary.noDataReason());
  }
}
