package org.burstflow.activities.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.StateReason;

class LostInstanceTest {

  @Test
  void onlyEc2sOwnTerminationsAreLosses() {
    assertTrue(CloudNodeActivitiesImpl.takenByEc2(ended("Server.SpotInstanceTermination")));
    assertTrue(CloudNodeActivitiesImpl.takenByEc2(ended("Server.InternalError")));
    // burstflow's own TerminateInstances (a release, a compensation, an orphan)
    assertFalse(CloudNodeActivitiesImpl.takenByEc2(ended("Client.UserInitiatedShutdown")));
    assertFalse(CloudNodeActivitiesImpl.takenByEc2(Instance.builder().instanceId("i-1").build()));
  }

  private static Instance ended(String code) {
    return Instance.builder().instanceId("i-1").stateReason(StateReason.builder().code(code).message(code).build()).build();
  }
}
