package org.burstflow.contracts.cloud;

import java.util.List;

/** Terminate the managed instances of these nodes in this cluster. */
public record TerminateRequest(String cluster, List<String> nodes) {
  public TerminateRequest {
    nodes = List.copyOf(nodes);
  }
}
