package org.burstflow.activities.analysis;

import java.time.Instant;

/**
 * Start times of idle stretches, reduced to count, mean and spread of the intervals between
 * them (Welford): periodic drops to ~0 with regular spacing are the mark of I/O or sync stalls
 * (checkpointing, data loading, all-reduce waits), irregular ones are not.
 */
final class IdleEpisodes {

  private long count;
  private Instant last;
  private long intervals;
  private double mean;
  private double m2;

  void started(Instant at) {
    count++;
    if (last != null && at != null) {
      double x = (at.toEpochMilli() - last.toEpochMilli()) / 1000.0;
      intervals++;
      double d = x - mean;
      mean += d / intervals;
      m2 += d * (x - mean);
    }
    if (at != null) {
      last = at;
    }
  }

  long count() {
    return count;
  }

  double meanIntervalSeconds() {
    return mean;
  }

  /** Coefficient of variation of the intervals; null with fewer than 2 intervals. */
  Double intervalVariation() {
    if (intervals < 2 || mean == 0) {
      return null;
    }
    return Math.sqrt(m2 / (intervals - 1)) / mean;
  }
}
