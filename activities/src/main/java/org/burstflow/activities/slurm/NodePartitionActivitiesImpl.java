package org.burstflow.activities.slurm;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.provisioning.NodePartitionActivities;

/** {@code scontrol show node <n> -o} → its Partitions field. */
public class NodePartitionActivitiesImpl implements NodePartitionActivities {

  private final SlurmCommands commands;

  public NodePartitionActivitiesImpl(SlurmCommands commands) {
    this.commands = commands;
  }

  @Override
  public String partitionOf(String node) {
    SlurmCommands.Result result = commands.run("scontrol", List.of("show", "node", node, "-o"));
    if (!result.ok() || result.stdout().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Slurm does not know node " + node + ": " + result.stderr().strip(), FailureTypes.BAD_INPUT);
    }
    Map<String, String> fields = ScontrolJobParser.fields(result.stdout().lines().findFirst().orElseThrow());
    String partitions = fields.get("Partitions") == null ? null : fields.get("Partitions").strip();
    if (partitions == null || partitions.isBlank() || partitions.equals("(null)")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "node " + node + " is in no partition", FailureTypes.BAD_INPUT);
    }
    return partitions.split(",")[0].strip();
  }
}
