package org.burstflow.activities.report.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.burstflow.activities.analysis.gpu.GpuSample;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;

/**
 * A job's GPU samples downsampled to a fixed number of time buckets per GPU: mean utilisation and
 * peak VRAM per bucket. Memory is bounded by GPUs × buckets whatever the job's length (48 h of
 * 1 s samples on 8 GPUs is 1.4 M samples; the charts need a few hundred points).
 *
 * @param from start of the first bucket
 * @param bucketSeconds width of a bucket
 * @param gpus by {@code <host>:<index>}, sorted
 * @param tools the GPU tools that produced the samples (rocm-smi / amd-smi mean AMD GPUs)
 */
public record GpuTimeline(Instant from, double bucketSeconds, Map<String, Gpu> gpus, java.util.Set<String> tools) {

  /** Per bucket: mean utilisation in % (NaN = no sample) and peak VRAM used in bytes (-1 = none). */
  public record Gpu(double[] utilPct, long[] vramUsed, long vramTotal) {
    public int buckets() {
      return utilPct.length;
    }
  }

  public boolean amd() {
    return tools.contains("rocm-smi") || tools.contains("amd-smi");
  }

  public boolean isEmpty() {
    return gpus.isEmpty();
  }

  /**
   * Reads the spool twice when the job's start or end is unknown (the first pass finds the time
   * range), once otherwise.
   */
  public static GpuTimeline read(Path spool, Instant start, Instant end, int buckets) throws IOException {
    Instant from = start;
    Instant to = end;
    java.util.Set<String> tools = new java.util.TreeSet<>();
    if (from == null || to == null || !to.isAfter(from)) {
      AtomicReference<Instant> min = new AtomicReference<>();
      AtomicReference<Instant> max = new AtomicReference<>();
      GpuSpoolReader.read(spool, (gpu, s) -> {
        if (s.time() != null) {
          min.accumulateAndGet(s.time(), (a, b) -> a == null || b.isBefore(a) ? b : a);
          max.accumulateAndGet(s.time(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        }
      });
      if (min.get() == null) {
        return new GpuTimeline(Instant.EPOCH, 1, Map.of(), tools);
      }
      from = min.get();
      to = max.get().plusSeconds(1);
    }
    double width = Math.max(1e-3, (to.toEpochMilli() - from.toEpochMilli()) / 1000.0 / buckets);
    Map<String, Acc> acc = new TreeMap<>();
    Instant origin = from;
    GpuSpoolReader.SpoolSummary summary = GpuSpoolReader.read(spool, (gpu, s) -> {
      if (s.time() != null) {
        acc.computeIfAbsent(gpu, g -> new Acc(buckets)).add(s, origin, width);
      }
    });
    tools.addAll(summary.tools());
    Map<String, Gpu> gpus = new TreeMap<>();
    acc.forEach((name, a) -> gpus.put(name, a.finish()));
    return new GpuTimeline(from, width, gpus, tools);
  }

  private static final class Acc {
    final double[] sum;
    final int[] n;
    final long[] vram;
    long total = -1;

    Acc(int buckets) {
      sum = new double[buckets];
      n = new int[buckets];
      vram = new long[buckets];
      java.util.Arrays.fill(vram, -1);
    }

    void add(GpuSample s, Instant origin, double width) {
      int b = (int) Math.floor((s.time().toEpochMilli() - origin.toEpochMilli()) / 1000.0 / width);
      b = Math.max(0, Math.min(sum.length - 1, b));
      if (s.utilPct() != null) {
        sum[b] += s.utilPct();
        n[b]++;
      }
      if (s.vramUsedBytes() != null) {
        vram[b] = Math.max(vram[b], s.vramUsedBytes());
      }
      if (s.vramTotalBytes() != null) {
        total = Math.max(total, s.vramTotalBytes());
      }
    }

    Gpu finish() {
      double[] mean = new double[sum.length];
      for (int i = 0; i < sum.length; i++) {
        mean[i] = n[i] == 0 ? Double.NaN : sum[i] / n[i];
      }
      return new Gpu(mean, vram, total);
    }
  }
}
