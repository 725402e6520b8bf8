package org.burstflow.activities.cloud;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the nodes of one Slurm partition are launched (the aws-plugin-for-slurm / ASBX "node
 * group"): one instance type in one subnet from one launch template, and what it costs per hour.
 *
 * @param purchasingOption "spot" or "on-demand"
 * @param hourlyPrice the price charged per instance-hour (site-configured; EC2 has no price API)
 */
public record NodeGroup(
    String name,
    String partition,
    String instanceType,
    String subnetId,
    String launchTemplate,
    String purchasingOption,
    BigDecimal hourlyPrice) {

  public NodeGroup {
    Objects.requireNonNull(partition, "node group partition");
    requireSet(instanceType, "instance-type", name);
    requireSet(subnetId, "subnet-id", name);
    requireSet(launchTemplate, "launch-template", name);
    if (!"spot".equals(purchasingOption) && !"on-demand".equals(purchasingOption)) {
      throw new IllegalArgumentException(
          "node group " + name + ": purchasing-option must be spot or on-demand, got " + purchasingOption);
    }
    if (hourlyPrice == null || hourlyPrice.signum() < 0) {
      throw new IllegalArgumentException("node group " + name + ": hourly-price must be set and >= 0");
    }
  }

  private static void requireSet(String value, String key, String group) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("node group " + group + ": " + key + " is not configured");
    }
  }
}
