package org.burstflow.contracts.cloud;

import java.util.List;

/**
 * Where to try to launch a job's nodes, best first. Pools cooling down after a capacity error
 * come last. {@code placementGroup} is true when the node group asks for a cluster placement
 * group for multi-node jobs.
 */
public record LaunchPlan(List<LaunchPool> pools, boolean placementGroup) {
  public LaunchPlan {
    pools = List.copyOf(pools);
  }
}
