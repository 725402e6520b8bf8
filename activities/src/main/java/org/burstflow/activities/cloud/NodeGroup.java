package org.burstflow.activities.cloud;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How the nodes of one Slurm partition are launched (the aws-plugin-for-slurm / ASBX "node
 * group"): instance types in preference order, each with its price, in any of some subnets, from
 * one launch template.
 *
 * @param purchasingOption "spot", "on-demand", or "mixed" ({@code onDemandBase} nodes of each
 *     gang on demand, the rest spot)
 * @param placementGroup whether multi-node jobs get a cluster placement group of their own
 * @param onDemandBase with "mixed": how many nodes of a gang run on demand
 * @param efa whether the group's nodes need EFA: only EFA-capable types are launched, with an
 *     EFA network interface
 */
public record NodeGroup(
    String name,
    String partition,
    List<InstanceOffer> instanceTypes,
    List<String> subnetIds,
    String launchTemplate,
    String purchasingOption,
    boolean placementGroup,
    int onDemandBase,
    boolean efa) {

  /** An instance type and the price per instance-hour the site charges for it. */
  public record InstanceOffer(String type, BigDecimal hourlyPrice) {
    public InstanceOffer {
      if (type == null || type.isBlank()) {
        throw new IllegalArgumentException("an instance type needs a name");
      }
      if (hourlyPrice == null || hourlyPrice.signum() < 0) {
        throw new IllegalArgumentException("instance type " + type + ": hourly-price must be set and >= 0");
      }
    }
  }

  public NodeGroup {
    Objects.requireNonNull(partition, "node group partition");
    if (instanceTypes == null || instanceTypes.isEmpty()) {
      throw new IllegalArgumentException("node group " + name + ": instance-types is empty");
    }
    if (subnetIds == null || subnetIds.isEmpty() || subnetIds.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("node group " + name + ": subnet-ids is not configured");
    }
    if (launchTemplate == null || launchTemplate.isBlank()) {
      throw new IllegalArgumentException("node group " + name + ": launch-template is not configured");
    }
    if (!List.of("spot", "on-demand", "mixed").contains(purchasingOption)) {
      throw new IllegalArgumentException(
          "node group " + name + ": purchasing-option must be spot, on-demand or mixed, got " + purchasingOption);
    }
    if (onDemandBase < 0 || ("mixed".equals(purchasingOption) && onDemandBase == 0)) {
      throw new IllegalArgumentException(
          "node group " + name + ": a mixed group needs on-demand-base >= 1, got " + onDemandBase);
    }
    instanceTypes = List.copyOf(instanceTypes);
    subnetIds = List.copyOf(subnetIds);
  }

  /** A group without EFA. */
  public NodeGroup(
      String name, String partition, List<InstanceOffer> instanceTypes, List<String> subnetIds,
      String launchTemplate, String purchasingOption, boolean placementGroup, int onDemandBase) {
    this(name, partition, instanceTypes, subnetIds, launchTemplate, purchasingOption, placementGroup,
        onDemandBase, false);
  }

  /** The same group with only these of its instance types (e.g. the EFA-capable ones). */
  public NodeGroup withInstanceTypes(List<InstanceOffer> types) {
    return new NodeGroup(name, partition, types, subnetIds, launchTemplate, purchasingOption, placementGroup,
        onDemandBase, efa);
  }

  /** A single-type, single-subnet group. */
  public NodeGroup(
      String name, String partition, String instanceType, String subnetId, String launchTemplate,
      String purchasingOption, BigDecimal hourlyPrice) {
    this(name, partition, List.of(new InstanceOffer(instanceType, hourlyPrice)), List.of(subnetId),
        launchTemplate, purchasingOption, false, 0);
  }

  /** How many of a gang of {@code nodes} run on demand; the rest run on spot. */
  public int onDemandNodes(int nodes) {
    return switch (purchasingOption) {
      case "on-demand" -> nodes;
      case "spot" -> 0;
      default -> Math.min(onDemandBase, nodes);
    };
  }

  /** The price of the preferred type: what a hold is estimated with. */
  public BigDecimal hourlyPrice() {
    return instanceTypes.get(0).hourlyPrice();
  }

  public BigDecimal priceOf(String instanceType) {
    return instanceTypes.stream()
        .filter(o -> o.type().equals(instanceType))
        .map(InstanceOffer::hourlyPrice)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "node group " + name + " has no price for instance type " + instanceType));
  }
}
