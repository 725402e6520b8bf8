package org.burstflow.contracts.cloud;

/**
 * One place EC2 capacity can come from: an instance type in a subnet (so one AZ) of a node
 * group. A gang is launched from exactly one pool, so all its nodes share type and AZ.
 */
public record LaunchPool(
    String nodeGroup, String instanceType, String subnetId, String purchasingOption) {

  /** Short name for logs, tags and node reasons. */
  public String label() {
    return nodeGroup + "/" + instanceType + "/" + subnetId + "/" + purchasingOption;
  }
}
