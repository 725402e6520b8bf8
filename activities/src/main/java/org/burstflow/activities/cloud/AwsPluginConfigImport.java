package org.burstflow.activities.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the node groups of an aws-plugin-for-slurm {@code partitions.json} (the shape ASBX's
 * YAML copies): {@code Partitions[] → NodeGroups[]} with {@code PurchasingOption},
 * {@code LaunchTemplateSpecification}, {@code LaunchTemplateOverrides[] (InstanceType, SubnetId)},
 * {@code SubnetIds}, {@code MaxNodes}, {@code Region}. The plugin has no prices, so every
 * instance type's hourly price comes from the caller; a missing one is an error, never a guess.
 * What burstflow decides itself (allocation strategies, tags) or Slurm keeps (node specs) is
 * listed in {@link Result#notes()}.
 */
public final class AwsPluginConfigImport {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The imported groups, the one region they launch in, and what was not carried over. */
  public record Result(String region, List<NodeGroup> nodeGroups, List<String> notes) {}

  /** A file the import cannot take; the message names the place in the file. */
  public static final class InvalidConfig extends IllegalArgumentException {
    InvalidConfig(String message) {
      super(message);
    }
  }

  private AwsPluginConfigImport() {}

  /**
   * @param hourlyPrices price per instance-hour of every instance type the file names
   * @throws InvalidConfig for malformed JSON, missing or unknown values, missing prices
   */
  public static Result read(String json, Map<String, BigDecimal> hourlyPrices) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidConfig("not JSON: " + e.getOriginalMessage());
    }
    JsonNode partitions = root == null ? null : root.get("Partitions");
    if (partitions == null || !partitions.isArray() || partitions.isEmpty()) {
      throw new InvalidConfig("no \"Partitions\" array: expected aws-plugin-for-slurm's partitions.json");
    }
    List<NodeGroup> groups = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> regions = new TreeSet<>();
    Set<String> unpriced = new TreeSet<>();
    for (int p = 0; p < partitions.size(); p++) {
      JsonNode partition = partitions.get(p);
      String partitionName = text(partition, "PartitionName", "Partitions[" + p + "]");
      if (partition.has("PartitionOptions")) {
        notes.add("partition " + partitionName + ": PartitionOptions stay in slurm.conf");
      }
      JsonNode nodeGroups = partition.get("NodeGroups");
      if (nodeGroups == null || !nodeGroups.isArray() || nodeGroups.isEmpty()) {
        throw new InvalidConfig("Partitions[" + p + "] (" + partitionName + "): no \"NodeGroups\"");
      }
      for (int g = 0; g < nodeGroups.size(); g++) {
        String where = "Partitions[" + p + "].NodeGroups[" + g + "]";
        groups.add(nodeGroup(nodeGroups.get(g), partitionName, where, hourlyPrices, regions, unpriced, notes));
      }
    }
    if (!unpriced.isEmpty()) {
      throw new InvalidConfig("no hourly price for instance types " + unpriced + " (the plugin's file has none)");
    }
    if (regions.size() > 1) {
      throw new InvalidConfig("node groups in several regions " + regions + ": one burstflow service serves one region");
    }
    Set<String> names = new TreeSet<>();
    for (NodeGroup group : groups) {
      if (!names.add(group.name())) {
        throw new InvalidConfig("two node groups are both named " + group.name());
      }
    }
    return new Result(regions.isEmpty() ? null : regions.iterator().next(), groups, notes);
  }

  private static NodeGroup nodeGroup(JsonNode group, String partition, String where,
      Map<String, BigDecimal> prices, Set<String> regions, Set<String> unpriced, List<String> notes) {
    String groupName = text(group, "NodeGroupName", where);
    // the plugin names nodes <partition>-<nodegroup>-<id>: the same prefix names the group here
    String name = partition + "-" + groupName;
    where = where + " (" + name + ")";
    String purchasing = text(group, "PurchasingOption", where);
    if (!purchasing.equals("spot") && !purchasing.equals("on-demand")) {
      throw new InvalidConfig(where + ": PurchasingOption must be spot or on-demand, got \"" + purchasing + "\"");
    }
    if (group.has("Region")) {
      regions.add(text(group, "Region", where));
    }
    JsonNode spec = group.get("LaunchTemplateSpecification");
    if (spec == null || !spec.isObject()) {
      throw new InvalidConfig(where + ": no LaunchTemplateSpecification");
    }
    if (!spec.hasNonNull("LaunchTemplateName")) {
      throw new InvalidConfig(where + ": LaunchTemplateSpecification has no LaunchTemplateName"
          + (spec.has("LaunchTemplateId") ? " (burstflow names launch templates; LaunchTemplateId "
              + spec.get("LaunchTemplateId").asText() + " is not enough)" : ""));
    }
    String template = spec.get("LaunchTemplateName").asText();
    String version = spec.path("Version").asText("$Default");
    if (!version.equals("$Default")) {
      notes.add(name + ": launch template Version " + version + " not carried over; burstflow launches $Default");
    }
    Set<String> types = new LinkedHashSet<>();
    Set<String> subnets = new LinkedHashSet<>();
    JsonNode overrides = group.get("LaunchTemplateOverrides");
    if (overrides == null || !overrides.isArray() || overrides.isEmpty()) {
      throw new InvalidConfig(where + ": no LaunchTemplateOverrides (instance types)");
    }
    for (int o = 0; o < overrides.size(); o++) {
      JsonNode override = overrides.get(o);
      types.add(text(override, "InstanceType", where + ".LaunchTemplateOverrides[" + o + "]"));
      if (override.hasNonNull("SubnetId")) {
        subnets.add(override.get("SubnetId").asText());
      }
      for (String ignored : List.of("SpotPrice", "MaxPrice", "WeightedCapacity", "Priority")) {
        if (override.has(ignored)) {
          notes.add(name + ": override " + ignored + " not carried over (one instance per node, burstflow's own order)");
        }
      }
    }
    JsonNode subnetIds = group.get("SubnetIds");
    if (subnetIds != null && subnetIds.isArray()) {
      subnetIds.forEach(s -> subnets.add(s.asText()));
    }
    if (subnets.isEmpty()) {
      throw new InvalidConfig(where + ": no subnet (SubnetIds, or SubnetId in LaunchTemplateOverrides)");
    }
    for (String options : List.of("OnDemandOptions", "SpotOptions")) {
      if (group.has(options) && !group.get(options).isEmpty()) {
        notes.add(name + ": " + options + " " + group.get(options)
            + " not carried over; burstflow sets allocation strategy and MinTargetCapacity itself");
      }
    }
    if (group.has("MaxNodes")) {
      notes.add(name + ": MaxNodes " + group.get("MaxNodes").asText() + " is the size of the group's node list in "
          + "slurm.conf (NodeName=" + name + "-[0-" + (group.get("MaxNodes").asInt() - 1) + "] State=CLOUD)");
    }
    if (group.has("SlurmSpecifications")) {
      notes.add(name + ": SlurmSpecifications stay in slurm.conf");
    }
    if (group.has("Tags")) {
      notes.add(name + ": Tags not carried over; burstflow tags instances itself");
    }
    List<NodeGroup.InstanceOffer> offers = new ArrayList<>();
    for (String type : types) {
      BigDecimal price = prices.get(type);
      if (price == null) {
        unpriced.add(type);
        price = BigDecimal.ZERO; // reported above as an error once every group has been read
      }
      offers.add(new NodeGroup.InstanceOffer(type, price));
    }
    try {
      return new NodeGroup(name, partition, offers, List.copyOf(subnets), template, purchasing, false, 0);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw new InvalidConfig(where + ": missing \"" + field + "\"");
    }
    return value.asText();
  }
}
