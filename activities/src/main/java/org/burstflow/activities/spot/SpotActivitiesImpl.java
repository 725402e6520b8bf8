package org.burstflow.activities.spot;

import java.util.Map;
import org.burstflow.contracts.spot.SpotActivities;
import org.burstflow.contracts.spot.SpotPolicy;

/** The configured spot policies: one per partition that has its own, the default otherwise. */
public class SpotActivitiesImpl implements SpotActivities {

  private final SpotPolicy defaults;
  private final Map<String, SpotPolicy> byPartition;

  public SpotActivitiesImpl(SpotPolicy defaults, Map<String, SpotPolicy> byPartition) {
    this.defaults = defaults;
    this.byPartition = Map.copyOf(byPartition);
  }

  @Override
  public SpotPolicy policyFor(String partition) {
    return byPartition.getOrDefault(partition, defaults);
  }
}
