package org.burstflow.contracts.cloud;

import java.time.Instant;
import java.util.List;

/**
 * Terminate the managed instances of these nodes in this cluster that were launched before
 * {@code launchedBefore} (null: whenever).
 */
public record TerminateRequest(String cluster, List<String> nodes, Instant launchedBefore) {
  public TerminateRequest {
    nodes = List.copyOf(nodes);
  }
}
