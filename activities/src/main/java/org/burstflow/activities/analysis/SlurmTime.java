package org.burstflow.activities.analysis;

import java.time.Duration;

/** Durations as sbatch {@code --time} takes them: {@code [D-]HH:MM:SS}. */
final class SlurmTime {

  private SlurmTime() {}

  static String format(Duration d) {
    long s = d.toSeconds();
    long days = s / 86400;
    String clock = String.format("%02d:%02d:%02d", (s % 86400) / 3600, (s % 3600) / 60, s % 60);
    return days > 0 ? days + "-" + clock : clock;
  }
}
