package org.burstflow.activities.budget;

import java.time.Duration;
import org.burstflow.activities.slurm.SlurmUnits;

/**
 * A requested wall time as ASBB clients send it: {@code HH:MM} (ASBB reads two fields as hours
 * and minutes, unlike Slurm's MM:SS), {@code HH:MM:SS}, Slurm's {@code D-HH[:MM[:SS]]}, or plain
 * minutes as sbatch takes them.
 */
public final class WallTime {

  public static Duration parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("wall_time is required (HH:MM, HH:MM:SS or D-HH:MM:SS)");
    }
    String v = value.trim();
    if (v.matches("\\d+")) {
      return Duration.ofMinutes(Long.parseLong(v));
    }
    if (v.matches("\\d+:\\d{2}")) {
      String[] hm = v.split(":");
      return Duration.ofHours(Long.parseLong(hm[0])).plusMinutes(Long.parseLong(hm[1]));
    }
    Duration d = SlurmUnits.duration("wall_time", v);
    if (d == null) {
      throw new IllegalArgumentException("wall_time must be finite to price a job, got '" + value + "'");
    }
    return d;
  }

  private WallTime() {}
}
