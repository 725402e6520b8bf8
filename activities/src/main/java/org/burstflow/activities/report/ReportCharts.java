package org.burstflow.activities.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.burstflow.activities.report.charts.ChartRenderer;
import org.burstflow.activities.report.charts.GpuTimeline;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Picks and draws a report's charts: the GPU charts from the job's spooled samples (the same
 * spool the analysis read, {@code <gpuSpoolDir>/<jobid>/}) when it had GPUs and samples, the CPU
 * and memory charts from sacct otherwise.
 */
public class ReportCharts {

  /** Points per GPU line: enough for a 720-pixel chart, whatever the job's length. */
  static final int BUCKETS = 240;

  private final Path gpuSpoolDir;
  private final ChartRenderer renderer = new ChartRenderer();

  public ReportCharts(Path gpuSpoolDir) {
    this.gpuSpoolDir = gpuSpoolDir;
  }

  public ReportVisuals draw(ReportInput input) {
    JobAccounting a = input.accounting();
    GpuUsage gpu = input.analysis() == null ? null : input.analysis().gpu();
    if (gpu != null) {
      Path spool = gpuSpoolDir.resolve(Long.toString(input.job().jobId()));
      GpuTimeline timeline;
      try {
        timeline = GpuTimeline.read(spool, a.start(), a.end(), BUCKETS);
      } catch (IOException e) {
        // retryable: a shared spool may be briefly unavailable
        throw new UncheckedIOException("could not read GPU samples in " + spool, e);
      }
      if (!timeline.isEmpty()) {
        return new ReportVisuals(renderer.gpuCharts(timeline), timeline.amd(), null);
      }
      // the report already says why there is no GPU data; CPU and memory can still be drawn
      return new ReportVisuals(renderer.cpuCharts(a), false,
          gpu.meanUtil() == null ? null : "the GPU samples were removed before the report was drawn");
    }
    List<ChartImage> charts = renderer.cpuCharts(a);
    return new ReportVisuals(charts, false,
        charts.isEmpty() ? "sacct has neither CPU time nor memory figures for this job" : null);
  }
}
