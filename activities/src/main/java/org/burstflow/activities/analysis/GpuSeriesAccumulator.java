package org.burstflow.activities.analysis;

import java.time.Instant;
import org.burstflow.activities.analysis.gpu.GpuSample;
import org.burstflow.contracts.analysis.PerGpuUsage;

/**
 * One GPU's samples folded in time order with constant memory: a 0.1 %-resolution histogram
 * for the p95 and running sums for the rest, so a 48 h trace at 1 s costs the same as a minute.
 * Each sample stands for the time until the next one; the last one for the previous interval.
 */
final class GpuSeriesAccumulator {

  private static final int BINS = 1001;
  /**
   * A longer silence between two samples is a hole in the data (sampler stalled, node lost), not
   * time the GPU is known to have spent at the earlier reading: it is not counted as wasted.
   */
  static final double MAX_DELTA_SECONDS = 60;

  private final String gpu;
  private final double idleUtilPct;
  private final long[] histogram = new long[BINS];
  private long samples;
  private long utilSamples;
  private long idleSamples;
  private double utilSum;
  private double wastedSeconds;
  private double powerSum;
  private long powerSamples;
  private Long peakVram;
  private Long vramTotal;

  private GpuSample pending; // the latest sample, waiting for its Δt
  private double lastDeltaSeconds;
  private Instant idleSince;
  private double longestIdleSeconds;
  private final IdleEpisodes episodes = new IdleEpisodes();

  GpuSeriesAccumulator(String gpu, double idleUtilPct) {
    this.gpu = gpu;
    this.idleUtilPct = idleUtilPct;
  }

  void add(GpuSample s) {
    samples++;
    if (s.vramUsedBytes() != null && (peakVram == null || s.vramUsedBytes() > peakVram)) {
      peakVram = s.vramUsedBytes();
    }
    if (s.vramTotalBytes() != null && (vramTotal == null || s.vramTotalBytes() > vramTotal)) {
      vramTotal = s.vramTotalBytes();
    }
    if (s.powerW() != null) {
      powerSum += s.powerW();
      powerSamples++;
    }
    if (pending != null) {
      double delta = Math.min(MAX_DELTA_SECONDS, seconds(pending.time(), s.time()));
      settle(pending, delta);
      lastDeltaSeconds = delta;
    }
    pending = s.utilPct() == null ? null : s;
    if (s.utilPct() == null) {
      closeIdle(s.time()); // a gap in the data ends an idle stretch: we do not know it went on
    }
  }

  /** Everything folded into one GPU's figures; the pending sample gets the last interval. */
  PerGpuUsage finish() {
    if (pending != null) {
      settle(pending, lastDeltaSeconds);
      closeIdle(pending.time() == null ? null : pending.time().plusMillis(Math.round(lastDeltaSeconds * 1000)));
      pending = null;
    }
    Double mean = utilSamples == 0 ? null : utilSum / utilSamples / 100.0;
    return new PerGpuUsage(gpu, samples, utilSamples, mean,
        utilSamples == 0 ? null : percentile(0.95) / 100.0,
        utilSamples == 0 ? null : (double) idleSamples / utilSamples,
        utilSamples == 0 ? null : longestIdleSeconds,
        utilSamples == 0 ? null : wastedSeconds / 3600.0,
        peakVram, vramTotal,
        powerSamples == 0 ? null : powerSum / powerSamples);
  }

  IdleEpisodes idleEpisodes() {
    return episodes;
  }

  private void settle(GpuSample s, double deltaSeconds) {
    double util = Math.max(0, Math.min(100, s.utilPct()));
    utilSamples++;
    utilSum += util;
    histogram[(int) Math.round(util * 10)]++;
    wastedSeconds += (1 - util / 100.0) * deltaSeconds;
    if (util < idleUtilPct) {
      idleSamples++;
      if (idleSince == null) {
        idleSince = s.time();
        episodes.started(s.time());
      }
    } else {
      closeIdle(s.time());
    }
  }

  private void closeIdle(Instant at) {
    if (idleSince != null && at != null) {
      longestIdleSeconds = Math.max(longestIdleSeconds, seconds(idleSince, at));
    }
    idleSince = null;
  }

  private double percentile(double q) {
    return percentile(histogram, utilSamples, q);
  }

  /** Adds this GPU's utilisation histogram into {@code into} (for the job-wide p95). */
  void addHistogramTo(long[] into) {
    for (int i = 0; i < BINS; i++) {
      into[i] += histogram[i];
    }
  }

  static long[] emptyHistogram() {
    return new long[BINS];
  }

  /** The q-quantile, in percent, of a 0.1 %-bin histogram holding {@code n} samples. */
  static double percentile(long[] histogram, long n, double q) {
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int i = 0; i < histogram.length; i++) {
      seen += histogram[i];
      if (seen >= rank) {
        return i / 10.0;
      }
    }
    return 100.0;
  }

  private static double seconds(Instant from, Instant to) {
    if (from == null || to == null || to.isBefore(from)) {
      return 0;
    }
    return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }
}
