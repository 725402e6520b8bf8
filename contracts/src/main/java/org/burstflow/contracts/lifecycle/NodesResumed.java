package org.burstflow.contracts.lifecycle;

import java.util.List;

/** The nodes Slurm's ResumeProgram asked to power up for one job (hostlist already expanded). */
public record NodesResumed(List<String> nodes) {
  public NodesResumed {
    nodes = List.copyOf(nodes);
  }
}
