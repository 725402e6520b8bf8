package org.burstflow.worker.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.burstflow.worker.config.BurstflowProperties;
import org.burstflow.worker.portal.PortalRows.Analysed;

/**
 * Repeated inefficiency: {@code threshold} of a user's last {@code window} GPU jobs (ended within
 * {@code lookback}) in one of {@code classes} raises an advisory flag. Worked out from
 * job_analysis each time it is asked, so a flag goes away by itself once the user's recent jobs
 * do better; nothing is enforced.
 */
public class EscalationRule {

  /** A raised flag: who, how many of how many recent GPU jobs, which ones, and their waste. */
  public record Flag(
      String user, Set<String> accounts, int counted, int looked, List<Long> jobIds, double gpuHoursWasted,
      Instant lastEnd) {}

  private final int window;
  private final int threshold;
  private final Set<String> classes;
  private final java.time.Duration lookback;

  public EscalationRule(BurstflowProperties.Escalation config) {
    if (config.window() < 1 || config.threshold() < 1 || config.threshold() > config.window()) {
      throw new IllegalArgumentException("burstflow.portal.escalation: need 1 <= threshold <= window, got threshold "
          + config.threshold() + " of window " + config.window());
    }
    this.window = config.window();
    this.threshold = config.threshold();
    this.classes = Set.copyOf(config.classes());
    this.lookback = config.lookback();
  }

  public Instant since(Clock clock) {
    return clock.instant().minus(lookback);
  }

  /** The flags among all users' jobs (of the lookback window), most counted first. */
  public List<Flag> flags(List<Analysed> jobs) {
    Map<String, List<Analysed>> byUser = jobs.stream().filter(a -> a.user() != null)
        .collect(Collectors.groupingBy(Analysed::user, TreeMap::new, Collectors.toList()));
    List<Flag> flags = new ArrayList<>();
    byUser.forEach((user, own) -> flagOf(user, own).ifPresent(flags::add));
    flags.sort(Comparator.comparingInt(Flag::counted).reversed().thenComparing(Flag::user));
    return flags;
  }

  /** The user's flag, if their last GPU jobs raise one. {@code jobs} are the user's own. */
  public Optional<Flag> flagOf(String user, List<Analysed> jobs) {
    List<Analysed> recentGpu = jobs.stream()
        .filter(Analysed::gpuJob)
        .filter(a -> a.endTime() != null)
        .sorted(Comparator.comparing(Analysed::endTime).reversed().thenComparing(Analysed::jobId, Comparator.reverseOrder()))
        .limit(window)
        .toList();
    List<Analysed> counted = recentGpu.stream().filter(a -> classes.contains(a.efficiencyClass())).toList();
    if (counted.size() < threshold) {
      return Optional.empty();
    }
    return Optional.of(new Flag(user,
        recentGpu.stream().map(Analysed::account).filter(a -> a != null).collect(Collectors.toCollection(TreeSet::new)),
        counted.size(), recentGpu.size(), counted.stream().map(Analysed::jobId).toList(),
        recentGpu.stream().map(Analysed::gpuHoursWasted).filter(w -> w != null).mapToDouble(Double::doubleValue).sum(),
        recentGpu.get(0).endTime()));
  }

  public int window() {
    return window;
  }

  public int threshold() {
    return threshold;
  }

  public Set<String> classes() {
    return new TreeSet<>(classes);
  }

  public java.time.Duration lookback() {
    return lookback;
  }
}
