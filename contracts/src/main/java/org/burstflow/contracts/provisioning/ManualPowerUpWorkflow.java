package org.burstflow.contracts.provisioning;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.burstflow.contracts.cloud.LaunchedNodes;

/**
 * Launches the instance of a node Slurm powered up without a job, and gives Slurm its address;
 * on failure the node goes down with the EC2 reason. The instance is released like any other,
 * by the suspend hook when Slurm powers the node down. Id
 * {@code powerup-<cluster>-<node>-<epoch second of the resume call>} so a repeated delivery of
 * the same call runs once, and a second power-up of the node a minute later is one of its own.
 */
@WorkflowInterface
public interface ManualPowerUpWorkflow {
  @WorkflowMethod
  LaunchedNodes powerUp(PowerUpRequest request);

  static String workflowId(String cluster, String node, long requestedAtEpochSecond) {
    return "powerup-" + cluster + "-" + node + "-" + requestedAtEpochSecond;
  }
}
