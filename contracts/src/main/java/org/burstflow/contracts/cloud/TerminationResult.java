package org.burstflow.contracts.cloud;

import java.util.List;

/** Instances that were asked to terminate (already-terminated ones are not listed). */
public record TerminationResult(List<String> instanceIds) {
  public TerminationResult {
    instanceIds = List.copyOf(instanceIds);
  }
}
