package org.burstflow.contracts.provisioning;

import io.temporal.activity.ActivityInterface;

/**
 * Which partition a node is in ({@code scontrol show node}): what a node powered up without a
 * job is launched by. Served on {@link org.burstflow.contracts.TaskQueues#SLURM}.
 */
@ActivityInterface(namePrefix = "SlurmNode_")
public interface NodePartitionActivities {

  /**
   * The node's first partition (Slurm lists a node's partitions in configuration order); fails
   * with {@code BadInput} for a node Slurm does not know or one in no partition.
   */
  String partitionOf(String node);
}
