package org.burstflow.activities.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.burstflow.activities.analysis.GpuUsageCalculator.GpuAnalysis;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.burstflow.activities.analysis.history.JobHistoryStore;
import org.burstflow.contracts.analysis.AnalysisActivities;
import org.burstflow.contracts.analysis.AnalysisRequest;
import org.burstflow.contracts.analysis.JobAnalysis;

/**
 * Activity adapter: the job's spooled GPU samples ({@code <gpu spool>/<jobid>/}) and its
 * script's history in, the analysis stored and returned.
 */
public class AnalysisActivitiesImpl implements AnalysisActivities {

  private static final int HISTORY_RUNS = 20;

  private final JobHistoryStore history;
  private final Path gpuSpoolDir;
  private final AnalysisSettings settings;
  private final RawSamplePruner pruner;

  /** @param gpuSpoolDir where the nodes' samplers spool (shared with them, e.g. over NFS) */
  public AnalysisActivitiesImpl(JobHistoryStore history, Path gpuSpoolDir, AnalysisSettings settings,
      RawSamplePruner pruner) {
    this.history = history;
    this.gpuSpoolDir = gpuSpoolDir;
    this.settings = settings;
    this.pruner = pruner;
  }

  @Override
  public JobAnalysis analyze(AnalysisRequest request) {
    var acc = request.accounting();
    Path spool = gpuSpoolDir.resolve(Long.toString(request.job().jobId()));
    GpuAnalysis gpu = gpu(request, spool);
    String scriptKey = scriptKey(request);
    List<PastRun> past = history.pastRuns(request.job().cluster(), acc.user(), scriptKey,
        request.job().jobId(), HISTORY_RUNS);
    JobAnalysis analysis = new JobAnalyzer(settings).analyze(request.job(), acc, gpu, past, scriptKey);
    history.save(analysis, acc);
    pruner.prune(gpuSpoolDir);
    return analysis;
  }

  /**
   * The script's hash when the lifecycle has it; else the job name, marked as such, which is how
   * ASBA grouped runs and still finds most repeats of the same script.
   */
  static String scriptKey(AnalysisRequest request) {
    if (request.scriptHash() != null && !request.scriptHash().isBlank()) {
      return request.scriptHash();
    }
    String name = request.accounting().jobName();
    return name == null || name.isBlank() ? null : "job-name:" + name;
  }

  private GpuAnalysis gpu(AnalysisRequest request, Path spool) {
    Integer allocated = request.allocatedGpus();
    if (allocated != null && allocated == 0) {
      return null;
    }
    if (allocated == null && !Files.isDirectory(spool)) {
      return null; // no GPUs known and none sampled: a CPU job
    }
    try {
      GpuUsageCalculator calc = new GpuUsageCalculator(settings);
      GpuSpoolReader.SpoolSummary summary = GpuSpoolReader.read(spool, calc::accept);
      GpuAnalysis gpu = calc.finish(allocated, summary.noDataReason());
      // The prolog writes a spool file only for jobs with GPUs, even when the node has no tool.
      return allocated == null && summary.files() == 0 ? null : gpu;
    } catch (IOException e) {
      // Retryable: a shared spool may be briefly unavailable.
      throw new UncheckedIOException("could not read GPU samples in " + spool, e);
    }
  }
}
