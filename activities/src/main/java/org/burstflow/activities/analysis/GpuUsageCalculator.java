package org.burstflow.activities.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.burstflow.activities.analysis.gpu.GpuSample;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.PerGpuUsage;

/**
 * Folds a job's GPU samples, GPU by GPU, into {@link GpuUsage}. Memory is bounded by the number
 * of GPUs, not of samples; each GPU's samples must arrive in time order (as spooled).
 */
public final class GpuUsageCalculator {

  private final AnalysisSettings settings;
  private final Map<String, GpuSeriesAccumulator> series = new LinkedHashMap<>();

  public GpuUsageCalculator(AnalysisSettings settings) {
    this.settings = settings;
  }

  /** @param gpu {@code <host>:<index>}, unique across the job's nodes */
  public void accept(String gpu, GpuSample sample) {
    series.computeIfAbsent(gpu, g -> new GpuSeriesAccumulator(g, settings.idleUtilPct())).add(sample);
  }

  /**
   * @param allocatedGpus from AllocTRES; null = the GPUs seen
   * @param noDataReason said when there are no samples at all
   */
  public GpuAnalysis finish(Integer allocatedGpus, String noDataReason) {
    List<PerGpuUsage> perGpu = new ArrayList<>();
    List<StallEvidence> stalls = new ArrayList<>();
    long[] histogram = GpuSeriesAccumulator.emptyHistogram();
    for (GpuSeriesAccumulator acc : series.values()) {
      PerGpuUsage usage = acc.finish();
      acc.addHistogramTo(histogram);
      perGpu.add(usage);
      IdleEpisodes ep = acc.idleEpisodes();
      stalls.add(new StallEvidence(usage.gpu(), ep.count(), ep.meanIntervalSeconds(), ep.intervalVariation()));
    }
    int allocated = allocatedGpus == null ? perGpu.size() : allocatedGpus;
    List<PerGpuUsage> withUtil = perGpu.stream().filter(g -> g.meanUtil() != null).toList();
    if (withUtil.isEmpty()) {
      String reason = perGpu.isEmpty()
          ? noDataReason
          : "the GPU tool reported no utilisation for any of the job's GPUs";
      return new GpuAnalysis(new GpuUsage(allocated, 0, totalSamples(perGpu), null, null, null, null,
          null, null, null, null, peakVram(perGpu), capacity(perGpu), null, Confidence.LOW,
          List.of(reason), reason, perGpu), stalls);
    }
    double sumMeans = withUtil.stream().mapToDouble(PerGpuUsage::meanUtil).sum();
    double max = withUtil.stream().mapToDouble(PerGpuUsage::meanUtil).max().orElseThrow();
    double min = withUtil.stream().mapToDouble(PerGpuUsage::meanUtil).min().orElseThrow();
    long utilSamples = withUtil.stream().mapToLong(PerGpuUsage::utilSamples).sum();
    double idle = withUtil.stream().mapToDouble(g -> g.idleFraction() * g.utilSamples()).sum() / utilSamples;
    double wasted = withUtil.stream().mapToDouble(PerGpuUsage::gpuHoursWasted).sum();
    List<String> notes = new ArrayList<>();
    Confidence confidence = confidence(allocated, withUtil, notes);
    return new GpuAnalysis(new GpuUsage(
        allocated, withUtil.size(), totalSamples(perGpu),
        sumMeans / withUtil.size(),
        GpuSeriesAccumulator.percentile(histogram, utilSamples, 0.95) / 100.0,
        sumMeans,
        idle,
        withUtil.stream().map(PerGpuUsage::longestIdleGapSeconds).filter(Objects::nonNull)
            .max(Comparator.naturalOrder()).orElse(null),
        max == 0 ? 0.0 : (max - min) / max,
        wasted,
        wasted * settings.gpuBillingFactor(),
        peakVram(perGpu), capacity(perGpu), peakVramFraction(perGpu),
        confidence, notes, null, perGpu), stalls);
  }

  private Confidence confidence(int allocated, List<PerGpuUsage> withUtil, List<String> notes) {
    Confidence c = Confidence.HIGH;
    long fewest = withUtil.stream().mapToLong(PerGpuUsage::utilSamples).min().orElse(0);
    if (fewest < settings.minSamplesPerGpu()) {
      notes.add("only " + fewest + " utilisation samples on some GPU (minimum "
          + settings.minSamplesPerGpu() + ")");
      c = Confidence.LOW;
    } else if (fewest < 6L * settings.minSamplesPerGpu()) {
      notes.add(fewest + " utilisation samples per GPU at least: a short trace");
      c = Confidence.MEDIUM;
    }
    if (withUtil.size() < allocated) {
      notes.add("utilisation known for " + withUtil.size() + " of " + allocated + " allocated GPUs");
      c = Confidence.LOW;
    }
    if (PinnedBusyCheck.suspect(withUtil, settings)) {
      notes.add("a GPU reports high utilisation at the power of an idle one: utilisation may be "
          + "pinned by an idle resident context (AMD gpu_busy_percent), not real work");
      c = Confidence.LOW;
    }
    return c;
  }

  private static long totalSamples(List<PerGpuUsage> perGpu) {
    return perGpu.stream().mapToLong(PerGpuUsage::samples).sum();
  }

  private static Long peakVram(List<PerGpuUsage> perGpu) {
    return perGpu.stream().map(PerGpuUsage::peakVramBytes).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
  }

  private static Long capacity(List<PerGpuUsage> perGpu) {
    return perGpu.stream().map(PerGpuUsage::vramTotalBytes).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
  }

  private static Double peakVramFraction(List<PerGpuUsage> perGpu) {
    return perGpu.stream()
        .filter(g -> g.peakVramBytes() != null && g.vramTotalBytes() != null && g.vramTotalBytes() > 0)
        .map(g -> (double) g.peakVramBytes() / g.vramTotalBytes())
        .max(Comparator.naturalOrder()).orElse(null);
  }

  /** The GPU figures and, per GPU, the idle-episode pattern the stall rule reads. */
  public record GpuAnalysis(GpuUsage usage, List<StallEvidence> stalls) {}

  /** Idle stretches of one GPU: how many, their mean spacing and its variation. */
  public record StallEvidence(String gpu, long episodes, double meanIntervalSeconds, Double intervalVariation) {}
}
