package org.burstflow.contracts.release;

import java.time.Instant;
import java.util.List;

/**
 * Nodes to release and why ("suspend" or "resume-fail"). Only instances launched before
 * {@code requestedAt} are released: a late event must not take a node a new job resumed since.
 */
public record NodeReleaseRequest(String cluster, List<String> nodes, String reason, Instant requestedAt) {
  public NodeReleaseRequest {
    nodes = List.copyOf(nodes);
  }
}
