package org.burstflow.activities.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.activities.analysis.GpuUsageCalculator.GpuAnalysis;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.burstflow.activities.slurm.AccountingNotSettledException;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.SacctParser;
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
   * @param gpuSamples the sampler's spool root ({@code <root>/<jobid>/}: each job gets its own),
   *     or one job's spool directory or {@code .gpu} file (then it belongs to the first GPU job of
   *     the dump); null = none given
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
    List<JobAnalysis> out = new ArrayList<>();
    JobSamples samples = new JobSamples(gpuSamples, gpuSamples != null && isSpoolRoot(gpuSamples));
    // One job's rows at a time: a dump of any size is read with bounded memory.
    SacctJobStream stream = new SacctJobStream(rows -> {
      long jobId = SacctJobStream.jobIdOf(rows.get(0));
      try {
        JobAccounting acc = AccountingSummarizer.summarize(rows, jobId, zone);
        GpuAnalysis gpu = gpu(jobId, rows.get(0).allocTresGpus(), samples);
        out.add(new JobAnalyzer(settings).analyze(new JobKey(cluster, jobId), acc, gpu, List.of(), null));
      } catch (AccountingNotSettledException e) {
        skipped.accept("job " + jobId + " not analysed: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      SacctParser.read(sacct, stream);
      stream.flush();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /** Where GPU samples come from: a spool root (one directory per job) or one job's samples. */
  private static final class JobSamples {
    final Path path;
    final boolean root;
    boolean used;

    JobSamples(Path path, boolean root) {
      this.path = path;
      this.root = root;
    }
  }

  /** The job's GPU figures; null for a CPU job (AllocTRES without GPUs, or unknown and no samples). */
  private GpuAnalysis gpu(long jobId, Integer allocatedGpus, JobSamples samples) throws IOException {
    Path own = samples.root ? samples.path.resolve(Long.toString(jobId)) : samples.used ? null : samples.path;
    boolean hasOwn = own != null && (!samples.root || Files.isDirectory(own));
    boolean gpuJob = allocatedGpus != null ? allocatedGpus > 0 : hasOwn;
    if (!gpuJob) {
      return null;
    }
    if (!hasOwn) {
      return new GpuUsageCalculator(settings).finish(allocatedGpus, "no GPU samples given for this job");
    }
    samples.used = !samples.root;
    return gpuFromSpool(own, allocatedGpus);
  }

  /** A sampler spool root holds one directory per job id, not sample files. */
  private static boolean isSpoolRoot(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (var entries = Files.list(p)) {
      return entries.anyMatch(e -> Files.isDirectory(e) && e.getFileName().toString().matches("\\d+"));
    }
  }

  GpuAnalysis gpuFromSpool(Path spool, Integer allocatedGpus) throws IOException {
    GpuUsageCalculator calc = new GpuUsageCalculator(settings);
    GpuSpoolReader.SpoolSummary summary = GpuSpoolReader.read(spool, calc::accept);
    return calc.finish(allocatedGpus, summary.noDataReason());
  }
}
