package org.burstflow.activities.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.burstflow.contracts.report.DeliveryMode;
import org.burstflow.contracts.report.DigestPlan;

/**
 * Which reports are e-mailed, and when. A report is e-mailed when its partition is one of
 * {@code partitions} (empty = any) and its job class is one of {@code jobClasses} ({@code gpu},
 * {@code cpu}); the rest stay in the portal only.
 *
 * @param perJobWindow how long a per-job e-mail waits for more reports of the same user (an
 *     array's tasks end within seconds of each other)
 * @param minInterval at least this long between two e-mails to the same user
 */
public record DeliveryPolicy(Set<String> partitions, Set<String> jobClasses, Duration perJobWindow, Duration minInterval) {

  public DeliveryPolicy {
    partitions = Set.copyOf(partitions);
    jobClasses = jobClasses.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** Null when the report is to be e-mailed, else why not. */
  public String whyNotEmailed(String partition, boolean gpuJob) {
    if (!partitions.isEmpty() && (partition == null || !partitions.contains(partition))) {
      return "reports of partition " + partition + " are not e-mailed (configured: " + String.join(", ", partitions) + ")";
    }
    String jobClass = gpuJob ? "gpu" : "cpu";
    if (!jobClasses.contains(jobClass)) {
      return "reports of " + jobClass + " jobs are not e-mailed (configured: " + String.join(", ", jobClasses) + ")";
    }
    return null;
  }

  public DigestPlan plan(DeliveryMode mode) {
    Duration window = switch (mode) {
      case PER_JOB -> perJobWindow;
      case DAILY -> Duration.ofDays(1);
      case WEEKLY -> Duration.ofDays(7);
      case OFF -> Duration.ZERO; // sent at once to the activity, which records the opt-out
    };
    return new DigestPlan(mode, window, mode == DeliveryMode.OFF ? Duration.ZERO : minInterval);
  }
}
