package org.burstflow.workflows.provisioning;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays provisioning histories recorded on the dev stack against today's code. */
class NodeProvisioningReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/provisioning-partial-fleet-fail-over.json",
        "histories/provisioning-quota-fails-fast.json"
      })
  void recordedHistoriesReplay(String resource) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(resource, NodeProvisioningWorkflowImpl.class);
  }
}
