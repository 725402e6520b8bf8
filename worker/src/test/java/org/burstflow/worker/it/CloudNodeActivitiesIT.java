package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.LaunchPlanner;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.TerminateRequest;
import org.burstflow.worker.e2e.DevStack;
import org.burstflow.worker.faults.FaultInjectingEc2Client;
import org.burstflow.worker.faults.FaultInjectingEc2Client.FleetFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The EC2 adapter against moto, with faults injected around the real client. Node names are not
 * the dev Slurm's, so the dev node agent starts nothing for these instances.
 */
class CloudNodeActivitiesIT {

  private static Ec2Client moto;
  private static FaultInjectingEc2Client ec2;
  private static CloudNodeActivitiesImpl activities;
  private static String subnet;
  private final String cluster = "it" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> nodes = List.of("itnode-1", "itnode-2");

  @BeforeAll
  static void connect() {
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    moto = DevStack.ec2Client();
    ec2 = new FaultInjectingEc2Client(moto);
    subnet = env.get("BURSTFLOW_EC2_SUBNET_ID");
    NodeGroup group = new NodeGroup("it-group", "cloud",
        List.of(new NodeGroup.InstanceOffer("c5.large", new BigDecimal("0.0400")),
            new NodeGroup.InstanceOffer("c5.xlarge", new BigDecimal("0.0800"))),
        List.of(subnet), env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE"), "spot", true, 0);
    NodeGroup mixed = new NodeGroup("it-mixed", "mixed",
        List.of(new NodeGroup.InstanceOffer("c5.large", new BigDecimal("0.0850"))),
        List.of(subnet), env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE"), "mixed", false, 1);
    activities = new CloudNodeActivitiesImpl(ec2, List.of(group, mixed),
        new LaunchPlanner(Duration.ofMinutes(10), Clock.systemUTC()));
  }

  @AfterEach
  void noFaultLeftBehind() {
    ec2.clearFaults();
  }

  @AfterAll
  static void close() {
    ec2.close();
  }

  @Test
  void launchesOneTaggedInstancePerNodeAndARetryLaunchesNothingNew() {
    LaunchRequest request = request(5, 0, null);

    LaunchedNodes first = activities.launchNodes(request);
    int calls = ec2.createFleetCalls();
    LaunchedNodes retried = activities.launchNodes(request);

    assertEquals(calls, ec2.createFleetCalls(), "the retry sends no CreateFleet");
    assertEquals(nodes, first.nodes().stream().map(LaunchedNode::node).toList());
    assertEquals(first.instanceIds(), retried.instanceIds(), "the retry finds the pool's instances");
    for (LaunchedNode node : first.nodes()) {
      assertTrue(inSubnet(node.privateIp()), node.privateIp() + " is not in the dev subnet " + subnetCidr());
      assertEquals("spot", node.purchasingOption());
      assertEquals(spotPriceInEc2(node.instanceType(), node.availabilityZone()), node.hourlyPrice(),
          "a spot instance costs the spot price it launched at, not the configured 0.0400");
      assertNotNull(node.launchTime());
      Map<String, String> tags = tags(node.instanceId());
      assertEquals("burstflow", tags.get("ManagedBy"));
      assertEquals(cluster, tags.get("Cluster"));
      assertEquals("5", tags.get("JobID"));
      assertEquals("job-" + cluster + "-5", tags.get("WorkflowId"));
      assertEquals("1", tags.get("Attempt"));
      assertEquals("0", tags.get("LaunchPool"));
      assertEquals("it-group", tags.get("NodeGroup"));
      assertEquals(node.node(), tags.get("SlurmNode"));
    }

    assertEquals(sorted(first.instanceIds()), sorted(activities.terminateLaunch(request).instanceIds()));
    assertEquals(0, liveInstancesOf(5).size());
    assertTrue(activities.terminateNodes(new TerminateRequest(cluster, nodes, null)).instanceIds().isEmpty(),
        "terminating again is harmless");
  }

  @Test
  void aPartialFleetIsTerminatedWholeIncludingTheInstanceEc2DidNotReport() {
    ec2.failNextFleet(FleetFault.PARTIAL, "c5.large");
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> activities.launchNodes(request(6, 0, null)));
    assertEquals(FailureTypes.INSUFFICIENT_CAPACITY, failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("(Code:InsufficientInstanceCapacity)"), failure.getOriginalMessage());
    assertEquals(0, liveInstancesOf(6).size(), "instances left running");
    assertEquals(2, allInstancesOf(6).size(), "two were launched, one of them unreported");
  }

  @Test
  void capacityAndQuotaAreFinalButThrottlingIsRetryable() {
    ec2.failNextFleet(FleetFault.INSUFFICIENT_CAPACITY, null);
    ApplicationFailure capacity = assertThrows(ApplicationFailure.class, () -> activities.launchNodes(request(7, 0, null)));
    assertEquals(FailureTypes.INSUFFICIENT_CAPACITY, capacity.getType());
    assertTrue(capacity.isNonRetryable());

    ec2.failNextFleet(FleetFault.QUOTA, null);
    ApplicationFailure quota = assertThrows(ApplicationFailure.class, () -> activities.launchNodes(request(7, 1, null)));
    assertEquals(FailureTypes.QUOTA_EXCEEDED, quota.getType());
    assertTrue(quota.getOriginalMessage().startsWith("(Code:VcpuLimitExceeded)"), quota.getOriginalMessage());

    ec2.failNextFleet(FleetFault.THROTTLE, null);
    Ec2Exception throttled = assertThrows(Ec2Exception.class, () -> activities.launchNodes(request(8, 0, null)));
    assertEquals("RequestLimitExceeded", throttled.awsErrorDetails().errorCode());
    // the retry policy's next try goes through
    assertEquals(2, activities.launchNodes(request(8, 0, null)).nodes().size());
    activities.terminateLaunch(request(8, 0, null));
    assertEquals(0, liveInstancesOf(7).size() + liveInstancesOf(8).size());
  }

  @Test
  void aCrashBetweenCreateFleetAndTaggingLeavesNothingOrphanedOnRetry() {
    ec2.failNextFleet(FleetFault.CRASH_AFTER_LAUNCH, null);
    assertThrows(IllegalStateException.class, () -> activities.launchNodes(request(9, 0, null)));
    int calls = ec2.createFleetCalls();

    LaunchedNodes retried = activities.launchNodes(request(9, 0, null));

    assertEquals(calls, ec2.createFleetCalls(), "the retry reuses the crashed call's instances");
    assertEquals(2, retried.nodes().size());
    assertEquals(2, allInstancesOf(9).size(), "no second gang");
    activities.terminateLaunch(request(9, 0, null));
    assertEquals(0, liveInstancesOf(9).size());
  }

  @Test
  void aLaunchWaitsOutDescribeInstancesLag() {
    ec2.lagDescribes(3);
    LaunchedNodes launched = activities.launchNodes(request(15, 0, null));
    assertEquals(2, launched.nodes().size());
    assertTrue(launched.nodes().stream().allMatch(n -> n.privateIp() != null && n.launchTime() != null));
    assertEquals(2, allInstancesOf(15).size(), "waiting is not relaunching");
    activities.terminateLaunch(request(15, 0, null));
  }

  @Test
  void terminationIsRetriedUntilEc2Confirms() {
    LaunchRequest request = request(10, 0, null);
    activities.launchNodes(request);
    ec2.failTerminations(2);
    assertThrows(Ec2Exception.class, () -> activities.terminateLaunch(request));
    assertThrows(Ec2Exception.class, () -> activities.terminateLaunch(request));
    assertEquals(2, activities.terminateLaunch(request).instanceIds().size());
    assertEquals(0, liveInstancesOf(10).size());
  }

  @Test
  void aJobsPlacementGroupGoesWithItsLastInstance() {
    String group = "burstflow-" + cluster + "-11";
    activities.createPlacementGroup(group);
    activities.createPlacementGroup(group); // idempotent
    activities.launchNodes(request(11, 0, group));
    assertTrue(placementGroupExists(group));

    activities.terminateNodes(new TerminateRequest(cluster, List.of("itnode-1"), null));
    assertTrue(placementGroupExists(group), "one node of the job still runs");
    activities.terminateNodes(new TerminateRequest(cluster, List.of("itnode-2"), null));
    assertFalse(placementGroupExists(group));
    activities.deletePlacementGroup(group); // harmless when gone
  }

  @Test
  void aMixedGroupLaunchesItsOnDemandBaseAndTheRestOnSpot() {
    List<String> three = List.of("itnode-1", "itnode-2", "itnode-3");
    LaunchRequest request = new LaunchRequest(new JobKey(cluster, 14), "job-" + cluster + "-14", 1, 0, "mixed",
        three, new LaunchPool("it-mixed", "c5.large", subnet, "mixed"), null);

    LaunchedNodes launched = activities.launchNodes(request);

    Map<String, Long> byOption = launched.nodes().stream()
        .collect(Collectors.groupingBy(LaunchedNode::purchasingOption, Collectors.counting()));
    assertEquals(Map.of("on-demand", 1L, "spot", 2L), byOption);
    launched.nodes().stream().filter(n -> n.purchasingOption().equals("on-demand"))
        .forEach(n -> assertEquals(new BigDecimal("0.0850"), n.hourlyPrice(), "on demand: the configured price"));
    activities.terminateLaunch(request);
  }

  @Test
  void aLateSuspendSparesInstancesLaunchedAfterIt() {
    LaunchedNodes launched = activities.launchNodes(request(12, 0, null));
    java.time.Instant launchTime = launched.nodes().get(0).launchTime();

    assertTrue(activities.terminateNodes(new TerminateRequest(cluster, nodes, launchTime.minusSeconds(1)))
        .instanceIds().isEmpty(), "a suspend from before the launch spares the new job's instances");
    assertEquals(2, liveInstancesOf(12).size());
    assertEquals(2, activities.terminateNodes(new TerminateRequest(cluster, nodes, launchTime.plusSeconds(1)))
        .instanceIds().size());
  }

  @Test
  void orphansAreListedAndTerminatedWithTheirReasons() {
    LaunchedNodes launched = activities.launchNodes(request(13, 0, null));
    List<org.burstflow.contracts.cloud.ManagedInstance> listed = activities.listManagedInstances(cluster);
    assertEquals(sorted(launched.instanceIds()),
        sorted(listed.stream().map(org.burstflow.contracts.cloud.ManagedInstance::instanceId).toList()));
    assertTrue(listed.stream().allMatch(i -> "13".equals(i.jobId()) && i.node().startsWith("itnode-")));

    var orphans = listed.stream()
        .map(i -> new org.burstflow.contracts.cloud.OrphanTermination(i.instanceId(), i.node(), "test"))
        .toList();
    assertEquals(2, activities.terminateOrphans(orphans).instanceIds().size());
    assertTrue(activities.terminateOrphans(orphans).instanceIds().isEmpty(), "already gone: harmless");
    assertTrue(activities.listManagedInstances(cluster).isEmpty());
  }

  @Test
  void plansTryTypesInOrderAndCoolPoolsThatRanOutOfCapacity() {
    LaunchPlan plan = activities.planLaunch("cloud", 2);
    assertTrue(plan.placementGroup());
    assertEquals(List.of("c5.large", "c5.xlarge"), plan.pools().stream().map(LaunchPool::instanceType).toList());

    activities.coolDownPool(plan.pools().get(0));
    assertEquals(List.of("c5.xlarge", "c5.large"),
        activities.planLaunch("cloud", 2).pools().stream().map(LaunchPool::instanceType).toList());

    ApplicationFailure unknown = assertThrows(ApplicationFailure.class, () -> activities.planLaunch("gpu", 1));
    assertEquals(FailureTypes.BAD_INPUT, unknown.getType());
  }

  private boolean placementGroupExists(String name) {
    try {
      return !moto.describePlacementGroups(r -> r.groupNames(name)).placementGroups().isEmpty();
    } catch (Ec2Exception e) {
      return false;
    }
  }

  /** Read here straight from EC2's history, independently of the product's lookup. */
  private static BigDecimal spotPriceInEc2(String type, String zone) {
    return moto.describeSpotPriceHistory(r -> r.instanceTypesWithStrings(type).availabilityZone(zone)
            .productDescriptions("Linux/UNIX"))
        .spotPriceHistory().stream()
        .max(java.util.Comparator.comparing(software.amazon.awssdk.services.ec2.model.SpotPrice::timestamp))
        .map(p -> new BigDecimal(p.spotPrice())).orElseThrow();
  }

  private LaunchRequest request(long job, int poolIndex, String placementGroup) {
    LaunchPool pool = new LaunchPool("it-group", poolIndex == 0 ? "c5.large" : "c5.xlarge", subnet, "spot");
    return new LaunchRequest(new JobKey(cluster, job), "job-" + cluster + "-" + job, 1, poolIndex, "cloud",
        nodes, pool, placementGroup);
  }

  private List<Instance> liveInstancesOf(long job) {
    return allInstancesOf(job).stream()
        .filter(i -> List.of("pending", "running", "stopping", "stopped").contains(i.state().nameAsString()))
        .toList();
  }

  private List<Instance> allInstancesOf(long job) {
    return moto.describeInstances(r -> r.filters(
            Filter.builder().name("tag:Cluster").values(cluster).build(),
            Filter.builder().name("tag:JobID").values(Long.toString(job)).build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  /** The dev subnet's block as EC2 describes it (dev/ec2-setup.py puts it in 127.0.0.0/8). */
  private static String subnetCidr() {
    return moto.describeSubnets(r -> r.subnetIds(subnet)).subnets().get(0).cidrBlock();
  }

  /** The address lies in the dev subnet, and so on loopback, where Slurm can reach a node. */
  private static boolean inSubnet(String ip) {
    String[] block = subnetCidr().split("/");
    int bits = Integer.parseInt(block[1]);
    long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    return ip.startsWith("127.") && (ipv4(ip) & mask) == (ipv4(block[0]) & mask);
  }

  private static long ipv4(String dotted) {
    long value = 0;
    for (String part : dotted.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    return value;
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }

  private static Map<String, String> tags(String instanceId) {
    return moto.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
        .tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }
}
