package org.burstflow.contracts.release;

import java.util.List;

/** Nodes to release and why ("suspend" or "resume-fail"). */
public record NodeReleaseRequest(String cluster, List<String> nodes, String reason) {
  public NodeReleaseRequest {
    nodes = List.copyOf(nodes);
  }
}
