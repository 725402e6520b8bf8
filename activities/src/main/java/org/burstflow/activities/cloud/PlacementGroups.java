package org.burstflow.activities.cloud;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.PlacementStrategy;

/** Per-job cluster placement groups, created and deleted idempotently. */
final class PlacementGroups {

  private static final Logger log = LoggerFactory.getLogger(PlacementGroups.class);

  private final Ec2Client ec2;

  PlacementGroups(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  void create(String name) {
    try {
      ec2.createPlacementGroup(r -> r.groupName(name).strategy(PlacementStrategy.CLUSTER));
      log.info("placement group {} created", name);
    } catch (Ec2Exception e) {
      if (!"InvalidPlacementGroup.Duplicate".equals(code(e))) {
        throw Ec2ErrorClassifier.classify(e);
      }
    }
  }

  /** Harmless when the group is gone; fails (retryably) while instances still use it. */
  void delete(String name) {
    try {
      ec2.deletePlacementGroup(r -> r.groupName(name));
      log.info("placement group {} deleted", name);
    } catch (Ec2Exception e) {
      if (!"InvalidPlacementGroup.Unknown".equals(code(e))) {
        throw e;
      }
    }
  }

  private static String code(Ec2Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
