package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.TerminateRequest;
import org.burstflow.worker.e2e.DevStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The EC2 adapter against moto. Node names are not the dev Slurm's, so the dev node agent
 * starts nothing for these instances.
 */
class CloudNodeActivitiesIT {

  private static Ec2Client ec2;
  private static CloudNodeActivitiesImpl activities;
  private final String cluster = "it" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> nodes = List.of("itnode-1", "itnode-2");

  @BeforeAll
  static void connect() {
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    ec2 = Ec2Client.builder()
        .endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .build();
    NodeGroup group = new NodeGroup("it-group", "cloud", "c5.large", env.get("BURSTFLOW_EC2_SUBNET_ID"),
        env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE"), "spot", new BigDecimal("0.0400"));
    activities = new CloudNodeActivitiesImpl(ec2, List.of(group));
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void launchesOneTaggedInstancePerNodeAndARetryLaunchesNothingNew() {
    LaunchRequest request = new LaunchRequest(new JobKey(cluster, 5), "job-" + cluster + "-5", 1, "cloud", nodes);

    LaunchedNodes first = activities.launchNodes(request);
    LaunchedNodes retried = activities.launchNodes(request);

    assertEquals(nodes, first.nodes().stream().map(LaunchedNode::node).toList());
    assertEquals(first.instanceIds(), retried.instanceIds(), "the retry finds the attempt's instances");
    for (LaunchedNode node : first.nodes()) {
      assertTrue(node.privateIp().startsWith("127.0.1."), node.privateIp());
      assertEquals("spot", node.purchasingOption());
      assertNotNull(node.launchTime());
      Map<String, String> tags = tags(node.instanceId());
      assertEquals("burstflow", tags.get("ManagedBy"));
      assertEquals(cluster, tags.get("Cluster"));
      assertEquals("5", tags.get("JobID"));
      assertEquals("job-" + cluster + "-5", tags.get("WorkflowId"));
      assertEquals("1", tags.get("Attempt"));
      assertEquals("it-group", tags.get("NodeGroup"));
      assertEquals(node.node(), tags.get("SlurmNode"));
    }

    assertEquals(first.instanceIds().stream().sorted().toList(),
        activities.terminateLaunch(request).instanceIds().stream().sorted().toList());
    first.instanceIds().forEach(id -> assertTrue(isGoingAway(id), id));
    assertTrue(activities.terminateNodes(new TerminateRequest(cluster, nodes)).instanceIds().isEmpty(),
        "terminating again is harmless");
  }

  @Test
  void suspendTerminatesByNodeTag() {
    LaunchRequest request = new LaunchRequest(new JobKey(cluster, 6), "job-" + cluster + "-6", 1, "cloud", nodes);
    LaunchedNodes launched = activities.launchNodes(request);

    List<String> terminated =
        activities.terminateNodes(new TerminateRequest(cluster, List.of("itnode-2"))).instanceIds();

    String itnode2 = launched.nodes().stream().filter(n -> n.node().equals("itnode-2")).findFirst().orElseThrow().instanceId();
    assertEquals(List.of(itnode2), terminated);
    activities.terminateLaunch(request);
  }

  @Test
  void aPartitionWithoutNodeGroupIsBadInputNotARetry() {
    LaunchRequest request = new LaunchRequest(new JobKey(cluster, 7), "job-" + cluster + "-7", 1, "gpu", nodes);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> activities.launchNodes(request));
    assertEquals(FailureTypes.BAD_INPUT, failure.getType());
    assertTrue(failure.isNonRetryable());
  }

  private static Map<String, String> tags(String instanceId) {
    return instance(instanceId).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static boolean isGoingAway(String instanceId) {
    String state = instance(instanceId).state().nameAsString();
    return state.equals("shutting-down") || state.equals("terminated");
  }

  private static Instance instance(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
  }
}
