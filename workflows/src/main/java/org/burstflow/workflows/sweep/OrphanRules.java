package org.burstflow.workflows.sweep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.cloud.ManagedInstance;
import org.burstflow.contracts.cloud.OrphanTermination;
import org.burstflow.contracts.sweep.SweepSettings;

/**
 * Which managed instances are orphans. Deterministic (pure data in, decisions out) so that it can
 * run inside the workflow and be replayed.
 */
final class OrphanRules {

  /**
   * @param nodeStates Slurm's node states by node name ({@code IDLE+CLOUD+POWERED_DOWN} …)
   */
  static List<OrphanTermination> orphans(
      List<ManagedInstance> instances, Map<String, String> nodeStates, SweepSettings settings, Instant now) {
    List<OrphanTermination> orphans = new ArrayList<>();
    for (ManagedInstance instance : instances) {
      String reason = reason(instance, nodeStates, settings, now);
      if (reason != null) {
        orphans.add(new OrphanTermination(instance.instanceId(), instance.node(), reason));
      }
    }
    return orphans;
  }

  private static String reason(
      ManagedInstance instance, Map<String, String> nodeStates, SweepSettings settings, Instant now) {
    Duration age = instance.launchTime() == null ? Duration.ZERO : Duration.between(instance.launchTime(), now);
    if (age.compareTo(settings.gracePeriod()) < 0) {
      return null; // may still be joining Slurm, or its launch may still be tagging it
    }
    if (age.compareTo(settings.maxLifetime()) > 0) {
      return "older than the maximum lifetime " + settings.maxLifetime() + " (age " + age + ")";
    }
    if (instance.node() == null) {
      return "no SlurmNode tag after the grace period " + settings.gracePeriod();
    }
    String state = nodeStates.get(instance.node());
    if (state == null) {
      return "node " + instance.node() + " is unknown to Slurm";
    }
    if (state.contains("POWERED_DOWN") || state.contains("POWERING_DOWN")) {
      return "node " + instance.node() + " is powered down (" + state + ")";
    }
    return null;
  }

  private OrphanRules() {}
}
