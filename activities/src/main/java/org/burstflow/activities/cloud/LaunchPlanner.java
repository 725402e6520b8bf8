package org.burstflow.activities.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;

/**
 * Orders the pools of a partition: node groups in configured order, within each the instance
 * types by preference, then subnets. Pools that ran out of capacity recently go last, so the
 * next job does not queue behind the same InsufficientInstanceCapacity. The cool-down memory is
 * per worker process: losing it on restart only costs one failed try.
 */
public class LaunchPlanner {

  private final Duration coolDown;
  private final Clock clock;
  private final Map<LaunchPool, Instant> coolingUntil = new ConcurrentHashMap<>();

  public LaunchPlanner(Duration coolDown, Clock clock) {
    this.coolDown = coolDown;
    this.clock = clock;
  }

  public LaunchPlan plan(List<NodeGroup> groups) {
    List<LaunchPool> fresh = new ArrayList<>();
    List<LaunchPool> cooling = new ArrayList<>();
    Instant now = clock.instant();
    for (NodeGroup group : groups) {
      for (NodeGroup.InstanceOffer offer : group.instanceTypes()) {
        for (String subnet : group.subnetIds()) {
          LaunchPool pool = new LaunchPool(group.name(), offer.type(), subnet, group.purchasingOption());
          Instant until = coolingUntil.get(pool);
          (until != null && until.isAfter(now) ? cooling : fresh).add(pool);
        }
      }
    }
    fresh.addAll(cooling);
    boolean placementGroup = groups.stream().anyMatch(NodeGroup::placementGroup);
    return new LaunchPlan(fresh, placementGroup);
  }

  public void coolDown(LaunchPool pool) {
    coolingUntil.put(pool, clock.instant().plus(coolDown));
  }
}
