package org.burstflow.activities.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** aws-plugin-for-slurm's partitions.json read as burstflow node groups. */
class AwsPluginConfigImportTest {

  static final Map<String, BigDecimal> PRICES = Map.of(
      "c5.xlarge", new BigDecimal("0.17"), "c5a.xlarge", new BigDecimal("0.154"),
      "c5n.18xlarge", new BigDecimal("3.888"), "hpc6a.48xlarge", new BigDecimal("2.88"),
      "g5.2xlarge", new BigDecimal("1.212"));

  static String sample() throws IOException {
    try (InputStream in = AwsPluginConfigImportTest.class.getResourceAsStream("/cloud/aws-plugin-partitions.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyNodeGroupOfEveryPartitionWithItsTypesSubnetsTemplateAndPurchasing() throws IOException {
    AwsPluginConfigImport.Result result = AwsPluginConfigImport.read(sample(), PRICES);

    assertEquals("us-east-1", result.region());
    assertEquals(List.of("aws-node", "aws-od", "gpu-a10g"), result.nodeGroups().stream().map(NodeGroup::name).toList());
    NodeGroup spot = result.nodeGroups().get(0);
    assertEquals("aws", spot.partition());
    assertEquals("spot", spot.purchasingOption());
    assertEquals("template-name", spot.launchTemplate());
    assertEquals(List.of("c5.xlarge", "c5a.xlarge"), spot.instanceTypes().stream().map(NodeGroup.InstanceOffer::type).toList());
    assertEquals(new BigDecimal("0.154"), spot.priceOf("c5a.xlarge"));
    assertEquals(List.of("subnet-11111111", "subnet-22222222"), spot.subnetIds());
    assertFalse(spot.efa());

    NodeGroup onDemand = result.nodeGroups().get(1);
    assertEquals("on-demand", onDemand.purchasingOption());
    assertEquals(List.of("c5n.18xlarge", "hpc6a.48xlarge"),
        onDemand.instanceTypes().stream().map(NodeGroup.InstanceOffer::type).toList(), "types once each, in order");
    assertEquals(List.of("subnet-33333333", "subnet-44444444"), onDemand.subnetIds(), "subnets of the overrides");

    assertEquals("gpu", result.nodeGroups().get(2).partition());
  }

  @Test
  void whatIsNotCarriedOverIsSaid() throws IOException {
    List<String> notes = AwsPluginConfigImport.read(sample(), PRICES).notes();
    assertTrue(notes.contains("aws-node: launch template Version $Latest not carried over; burstflow launches $Default"), notes.toString());
    assertTrue(notes.stream().anyMatch(n -> n.startsWith("aws-node: SpotOptions {\"AllocationStrategy\":\"capacity-optimized\"")), notes.toString());
    assertTrue(notes.contains("aws-od: MaxNodes 8 is the size of the group's node list in slurm.conf "
        + "(NodeName=aws-od-[0-7] State=CLOUD)"), notes.toString());
    assertTrue(notes.contains("aws-node: Tags not carried over; burstflow tags instances itself"));
    assertTrue(notes.contains("partition aws: PartitionOptions stay in slurm.conf"));
  }

  @Test
  void aMissingPriceIsAnErrorNamingEveryUnpricedType() throws IOException {
    var e = assertThrows(AwsPluginConfigImport.InvalidConfig.class,
        () -> AwsPluginConfigImport.read(sample(), Map.of("c5.xlarge", new BigDecimal("0.17"))));
    assertTrue(e.getMessage().startsWith(
        "no hourly price for instance types [c5a.xlarge, c5n.18xlarge, g5.2xlarge, hpc6a.48xlarge]"), e.getMessage());
  }

  @Test
  void badInputNamesThePlaceInTheFile() {
    assertEquals("not JSON: Unexpected character ('P' (code 80)): was expecting double-quote to start field name",
        error("{Partitions: []}"));
    assertEquals("no \"Partitions\" array: expected aws-plugin-for-slurm's partitions.json", error("{\"partitions\": []}"));
    assertEquals("Partitions[0] (aws): no \"NodeGroups\"", error("{\"Partitions\":[{\"PartitionName\":\"aws\"}]}"));
    assertEquals("Partitions[0].NodeGroups[0] (aws-x): PurchasingOption must be spot or on-demand, got \"mixed\"",
        error(group("\"PurchasingOption\":\"mixed\",\"LaunchTemplateSpecification\":{\"LaunchTemplateName\":\"t\"},"
            + "\"LaunchTemplateOverrides\":[{\"InstanceType\":\"c5.xlarge\"}],\"SubnetIds\":[\"subnet-1\"]")));
    assertEquals("Partitions[0].NodeGroups[0] (aws-x): LaunchTemplateSpecification has no LaunchTemplateName "
            + "(burstflow names launch templates; LaunchTemplateId lt-0abc is not enough)",
        error(group("\"PurchasingOption\":\"spot\",\"LaunchTemplateSpecification\":{\"LaunchTemplateId\":\"lt-0abc\"},"
            + "\"LaunchTemplateOverrides\":[{\"InstanceType\":\"c5.xlarge\"}],\"SubnetIds\":[\"subnet-1\"]")));
    assertEquals("Partitions[0].NodeGroups[0] (aws-x): no subnet (SubnetIds, or SubnetId in LaunchTemplateOverrides)",
        error(group("\"PurchasingOption\":\"spot\",\"LaunchTemplateSpecification\":{\"LaunchTemplateName\":\"t\"},"
            + "\"LaunchTemplateOverrides\":[{\"InstanceType\":\"c5.xlarge\"}]")));
    assertEquals("Partitions[0].NodeGroups[0] (aws-x).LaunchTemplateOverrides[0]: missing \"InstanceType\"",
        error(group("\"PurchasingOption\":\"spot\",\"LaunchTemplateSpecification\":{\"LaunchTemplateName\":\"t\"},"
            + "\"LaunchTemplateOverrides\":[{\"SubnetId\":\"subnet-1\"}]")));
  }

  @Test
  void oneServiceServesOneRegion() {
    String twoRegions = "{\"Partitions\":[{\"PartitionName\":\"a\",\"NodeGroups\":["
        + node("x", "us-east-1") + "," + node("y", "eu-west-1") + "]}]}";
    assertEquals("node groups in several regions [eu-west-1, us-east-1]: one burstflow service serves one region",
        error(twoRegions));
    String noRegion = "{\"Partitions\":[{\"PartitionName\":\"a\",\"NodeGroups\":[" + node("x", null) + "]}]}";
    assertNull(AwsPluginConfigImport.read(noRegion, PRICES).region());
  }

  private static String node(String name, String region) {
    return "{\"NodeGroupName\":\"" + name + "\"," + (region == null ? "" : "\"Region\":\"" + region + "\",")
        + "\"PurchasingOption\":\"spot\",\"LaunchTemplateSpecification\":{\"LaunchTemplateName\":\"t\"},"
        + "\"LaunchTemplateOverrides\":[{\"InstanceType\":\"c5.xlarge\"}],\"SubnetIds\":[\"subnet-1\"]}";
  }

  private static String group(String body) {
    return "{\"Partitions\":[{\"PartitionName\":\"aws\",\"NodeGroups\":[{\"NodeGroupName\":\"x\"," + body + "}]}]}";
  }

  private static String error(String json) {
    return assertThrows(AwsPluginConfigImport.InvalidConfig.class, () -> AwsPluginConfigImport.read(json, PRICES))
        .getMessage();
  }
}
