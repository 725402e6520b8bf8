package org.burstflow.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.burstflow.activities.cloud.NodeGroup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The worker serves an aws-plugin-for-slurm partitions.json given in its configuration. */
class AwsPluginPartitionsFileTest {

  private static final String SAMPLE =
      Path.of("../activities/src/test/resources/cloud/aws-plugin-partitions.json").toAbsolutePath().toString();

  private static BurstflowProperties bind(Map<String, Object> overrides) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", overrides));
    new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml"))
        .forEach(ps -> env.getPropertySources().addLast(ps));
    return Binder.get(env).bind("burstflow", BurstflowProperties.class).get();
  }

  @Test
  void itsNodeGroupsAreServedBesideTheConfiguredOnes() throws Exception {
    BurstflowProperties props = bind(Map.of(
        "burstflow.ec2.aws-plugin-partitions-file", SAMPLE,
        "burstflow.ec2.hourly-prices.c5.xlarge", "0.17",
        "burstflow.ec2.hourly-prices.c5a.xlarge", "0.154",
        "burstflow.ec2.hourly-prices.c5n.18xlarge", "3.888",
        "burstflow.ec2.hourly-prices.hpc6a.48xlarge", "2.88",
        "burstflow.ec2.hourly-prices.g5.2xlarge", "1.212",
        "BURSTFLOW_EC2_SUBNET_ID", "subnet-dev"));

    List<NodeGroup> groups = new ActivityConfig().nodeGroups(props);

    assertEquals(List.of("cloud-c5", "aws-node", "aws-od", "gpu-a10g"), groups.stream().map(NodeGroup::name).toList());
    assertEquals(new BigDecimal("3.888"), groups.get(2).priceOf("c5n.18xlarge"));
  }

  @Test
  void aFileItCannotTakeStopsTheStartUpWithTheReason() throws Exception {
    BurstflowProperties props = bind(Map.of(
        "burstflow.ec2.aws-plugin-partitions-file", SAMPLE,
        "burstflow.ec2.hourly-prices.c5.xlarge", "0.17",
        "BURSTFLOW_EC2_SUBNET_ID", "subnet-dev"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ActivityConfig().nodeGroups(props));

    assertTrue(e.getMessage().startsWith("burstflow.ec2.aws-plugin-partitions-file "), e.getMessage());
    assertTrue(e.getMessage().contains("aws-plugin-partitions.json: no hourly price for instance types "
        + "[c5a.xlarge, c5n.18xlarge, g5.2xlarge, hpc6a.48xlarge]"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(prices: burstflow.ec2.hourly-prices.<type>)"), e.getMessage());
  }

  @Test
  void aFileForAnotherRegionIsRefused() throws Exception {
    BurstflowProperties props = bind(Map.of(
        "burstflow.ec2.aws-plugin-partitions-file", SAMPLE,
        "burstflow.ec2.region", "eu-north-1",
        "burstflow.ec2.hourly-prices.c5.xlarge", "0.17",
        "burstflow.ec2.hourly-prices.c5a.xlarge", "0.154",
        "burstflow.ec2.hourly-prices.c5n.18xlarge", "3.888",
        "burstflow.ec2.hourly-prices.hpc6a.48xlarge", "2.88",
        "burstflow.ec2.hourly-prices.g5.2xlarge", "1.212",
        "BURSTFLOW_EC2_SUBNET_ID", "subnet-dev"));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ActivityConfig().nodeGroups(props));
    assertTrue(e.getMessage().endsWith("its node groups are in us-east-1 but burstflow.ec2.region is eu-north-1"),
        e.getMessage());
  }
}
