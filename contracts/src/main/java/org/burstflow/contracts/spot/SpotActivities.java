package org.burstflow.contracts.spot;

import io.temporal.activity.ActivityInterface;

/** Spot interruption settings, served on the core queue where the configuration is. */
@ActivityInterface(namePrefix = "Spot_")
public interface SpotActivities {

  /** The partition's policy, or the default one when the partition has none of its own. */
  SpotPolicy policyFor(String partition);
}
