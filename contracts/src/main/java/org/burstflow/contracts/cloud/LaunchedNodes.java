package org.burstflow.contracts.cloud;

import java.util.List;

/** All instances of one launch attempt, one per requested node. */
public record LaunchedNodes(List<LaunchedNode> nodes) {
  public LaunchedNodes {
    nodes = List.copyOf(nodes);
  }

  public List<String> instanceIds() {
    return nodes.stream().map(LaunchedNode::instanceId).toList();
  }
}
