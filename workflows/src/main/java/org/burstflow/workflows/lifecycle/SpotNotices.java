package org.burstflow.workflows.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.burstflow.contracts.spot.SpotInterruption;
import org.burstflow.contracts.spot.SpotPolicy;

/**
 * A lifecycle's spot notices: those not yet acted on, what was done, and how often the job was
 * interrupted. Plain workflow state; the lifecycle does the acting.
 */
final class SpotNotices {

  private final List<SpotInterrupted> pending = new ArrayList<>();
  /** Instances already drained for a rebalance recommendation: a repeat is a duplicate. */
  private final Set<String> drained = new LinkedHashSet<>();
  private final List<SpotInterruption> acted = new ArrayList<>();
  private int interruptions;
  private SpotPolicy policy;

  void accept(SpotInterrupted notice) {
    boolean queued = pending.stream()
        .anyMatch(p -> p.instanceId().equals(notice.instanceId()) && p.kind() == notice.kind());
    if (!queued) {
      pending.add(notice);
    }
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  SpotInterrupted next() {
    return pending.remove(0);
  }

  boolean wasDrained(String instanceId) {
    return drained.contains(instanceId);
  }

  void drained(String instanceId) {
    drained.add(instanceId);
  }

  void acted(SpotInterruption interruption) {
    acted.add(interruption);
  }

  void interrupted() {
    interruptions++;
  }

  int interruptions() {
    return interruptions;
  }

  void usePolicy(SpotPolicy policy) {
    this.policy = policy;
  }

  /**
   * {@code on-demand} once the job was interrupted on spot as often as its partition tolerates;
   * null (launch as the node group says) before that.
   */
  String purchasingOverride() {
    return policy != null && interruptions >= policy.onDemandAfter() ? "on-demand" : null;
  }

  List<SpotInterruption> acted() {
    return List.copyOf(acted);
  }
}
