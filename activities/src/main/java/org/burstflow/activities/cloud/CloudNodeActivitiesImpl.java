package org.burstflow.activities.cloud;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.cloud.ManagedInstance;
import org.burstflow.contracts.cloud.OrphanTermination;
import org.burstflow.contracts.cloud.TerminateRequest;
import org.burstflow.contracts.cloud.TerminationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;

/** EC2 side of provisioning: all-or-nothing launches, termination by tag, placement groups. */
public class CloudNodeActivitiesImpl implements CloudNodeActivities {

  private static final Logger log = LoggerFactory.getLogger(CloudNodeActivitiesImpl.class);
  private static final Duration RUNNING_WAIT = Duration.ofMinutes(3);

  private final Ec2Client ec2;
  private final NodeGroups groups;
  private final LaunchPlanner planner;
  private final PlacementGroups placementGroups;
  private final SpotPrices spotPrices;
  private final InstanceTypeCatalog instanceTypes;
  private final EfaLaunchTemplates efaTemplates;
  private final FleetRequestBuilder fleetRequests = new FleetRequestBuilder();

  public CloudNodeActivitiesImpl(Ec2Client ec2, List<NodeGroup> nodeGroups, LaunchPlanner planner) {
    this.ec2 = ec2;
    this.groups = new NodeGroups(nodeGroups);
    this.planner = planner;
    this.placementGroups = new PlacementGroups(ec2);
    this.spotPrices = new SpotPrices(ec2);
    this.instanceTypes = new InstanceTypeCatalog(ec2);
    this.efaTemplates = new EfaLaunchTemplates(ec2);
  }

  @Override
  public LaunchPlan planLaunch(String partition, int nodeCount) {
    return planner.plan(groups.ofPartition(partition).stream().map(this::withEfaTypesOnly).toList());
  }

  /**
   * A group that requires EFA keeps only the types EC2 says support it; none is a configuration
   * error, not a capacity problem, so it fails at once with the types it looked at.
   */
  private NodeGroup withEfaTypesOnly(NodeGroup group) {
    if (!group.efa()) {
      return group;
    }
    List<String> all = group.instanceTypes().stream().map(NodeGroup.InstanceOffer::type).toList();
    List<String> capable = instanceTypes.efaCapable(all);
    if (capable.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "(Code:NoEfaInstanceType)node group " + group.name() + " requires EFA but none of its instance types "
              + all + " supports it", FailureTypes.BAD_INPUT);
    }
    if (capable.size() < all.size()) {
      log.info("node group {} requires EFA: using {} of {}", group.name(), capable, all);
    }
    return group.withInstanceTypes(
        group.instanceTypes().stream().filter(o -> capable.contains(o.type())).toList());
  }

  @Override
  public LaunchedNodes launchNodes(LaunchRequest request) {
    NodeGroup group = groups.named(request.pool().nodeGroup());
    List<String> instanceIds = liveInstanceIds(InstanceTags.poolFilters(request));
    if (instanceIds.isEmpty()) {
      instanceIds = createFleet(request, group);
    } else {
      log.info("{}: pool already launched {}, reusing", request.clientToken(), instanceIds);
    }
    if (instanceIds.size() != request.nodes().size()) {
      TerminationResult cleaned = terminateLaunch(request);
      throw ApplicationFailure.newNonRetryableFailure(
          "(Code:InsufficientInstanceCapacity)" + request.pool().instanceType() + " in "
              + request.pool().subnetId() + ": asked for " + request.nodes().size() + ", got "
              + instanceIds.size() + "; terminated " + cleaned.instanceIds(),
          FailureTypes.INSUFFICIENT_CAPACITY);
    }
    tagNodes(request.nodes(), instanceIds);
    return new LaunchedNodes(waitUntilRunning(request, group, instanceIds));
  }

  @Override
  public TerminationResult terminateLaunch(LaunchRequest request) {
    Set<String> ids = new LinkedHashSet<>(liveInstanceIds(InstanceTags.attemptFilters(request)));
    for (Instance i : describe(DescribeInstancesRequest.builder()
        .filters(InstanceTags.nodeFilters(request.cluster(), request.nodes())).build())) {
      if (request.workflowId().equals(tagValue(i, InstanceTags.WORKFLOW_ID))
          && Integer.toString(request.attempt()).equals(tagValue(i, InstanceTags.ATTEMPT))) {
        ids.add(i.instanceId());
      }
    }
    return terminateAndConfirm(List.copyOf(ids));
  }

  @Override
  public void coolDownPool(LaunchPool pool) {
    planner.coolDown(pool);
    log.warn("pool {} cooling down after a capacity error", pool.label());
  }

  @Override
  public void createPlacementGroup(String name) {
    placementGroups.create(name);
  }

  @Override
  public void deletePlacementGroup(String name) {
    placementGroups.delete(name);
  }

  @Override
  public List<ManagedInstance> listManagedInstances(String cluster) {
    return describe(DescribeInstancesRequest.builder().filters(InstanceTags.clusterFilters(cluster)).build())
        .stream()
        .map(i -> managedInstance(i, i.state().nameAsString()))
        .toList();
  }

  private static ManagedInstance managedInstance(Instance i, String state) {
    return new ManagedInstance(i.instanceId(), tagValue(i, InstanceTags.SLURM_NODE),
        tagValue(i, InstanceTags.JOB_ID), tagValue(i, InstanceTags.WORKFLOW_ID), i.launchTime(), state);
  }

  @Override
  public List<ManagedInstance> listLostInstances(String cluster) {
    return describe(DescribeInstancesRequest.builder().filters(InstanceTags.endedFilters(cluster)).build())
        .stream()
        .filter(CloudNodeActivitiesImpl::takenByEc2)
        .filter(i -> tagValue(i, InstanceTags.JOB_ID) != null)
        .map(i -> managedInstance(i, i.state().nameAsString() + ": " + i.stateReason().message()))
        .toList();
  }

  /** EC2's own doing ({@code Server.SpotInstanceTermination}, …), not a TerminateInstances of ours. */
  static boolean takenByEc2(Instance instance) {
    return instance.stateReason() != null
        && instance.stateReason().code() != null
        && instance.stateReason().code().startsWith("Server.");
  }

  @Override
  public TerminationResult terminateOrphans(List<OrphanTermination> orphans) {
    orphans.forEach(o -> log.warn("terminating orphan {} (node {}): {}", o.instanceId(), o.node(), o.reason()));
    List<String> ids = orphans.stream().map(OrphanTermination::instanceId).toList();
    // only those still alive: an orphan that is already gone is not an error
    List<String> live = ids.isEmpty() ? ids
        : describe(DescribeInstancesRequest.builder().instanceIds(ids).build()).stream()
            .filter(i -> InstanceTags.LIVE_STATES.contains(i.state().nameAsString()))
            .map(Instance::instanceId)
            .toList();
    return terminateAndConfirm(live);
  }

  @Override
  public TerminationResult terminateNodes(TerminateRequest request) {
    List<Instance> instances = describe(DescribeInstancesRequest.builder()
            .filters(InstanceTags.nodeFilters(request.cluster(), request.nodes())).build())
        .stream()
        .filter(i -> request.launchedBefore() == null || i.launchTime() == null
            || i.launchTime().isBefore(request.launchedBefore()))
        .toList();
    TerminationResult result = terminateAndConfirm(instances.stream().map(Instance::instanceId).toList());
    releaseEmptyPlacementGroups(request.cluster(), instances);
    return result;
  }

  /** A job's placement group goes once the job's last instance is gone. */
  private void releaseEmptyPlacementGroups(String cluster, List<Instance> terminated) {
    Set<String> jobs = new TreeSet<>();
    terminated.forEach(i -> {
      String job = tagValue(i, InstanceTags.JOB_ID);
      if (job != null) {
        jobs.add(job);
      }
    });
    for (String job : jobs) {
      if (liveInstanceIds(InstanceTags.jobFilters(cluster, job)).isEmpty()) {
        placementGroups.delete("burstflow-" + cluster + "-" + job);
      }
    }
  }

  private List<String> createFleet(LaunchRequest request, NodeGroup group) {
    CreateFleetResponse response;
    try {
      String templateVersion = group.efa() ? efaTemplates.efaVersion(group.launchTemplate()) : "$Default";
      response = ec2.createFleet(fleetRequests.build(request, group, templateVersion));
    } catch (Ec2Exception e) {
      throw Ec2ErrorClassifier.classify(e);
    }
    // Every instance id of every entry: ASBX kept only the first id of each entry.
    List<String> ids = new ArrayList<>();
    for (CreateFleetInstance entry : response.instances()) {
      ids.addAll(entry.instanceIds());
    }
    for (CreateFleetError error : response.errors()) {
      log.warn("{}: CreateFleet error {} {}", request.clientToken(), error.errorCode(), error.errorMessage());
    }
    if (ids.isEmpty() && !response.errors().isEmpty()) {
      // nothing launched: the fleet's own error says why (capacity, quota, configuration)
      CreateFleetError error = response.errors().get(0);
      String type = Ec2ErrorClassifier.failureType(error.errorCode());
      if (type != null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "(Code:" + error.errorCode() + ")" + error.errorMessage(), type);
      }
    }
    log.info("{}: CreateFleet {} returned {}", request.clientToken(), response.fleetId(), ids);
    return ids;
  }

  private void tagNodes(List<String> nodes, List<String> instanceIds) {
    List<String> sorted = instanceIds.stream().sorted().toList();
    for (int i = 0; i < nodes.size(); i++) {
      ec2.createTags(CreateTagsRequest.builder()
          .resources(sorted.get(i))
          .tags(InstanceTags.nodeTags(nodes.get(i)))
          .build());
    }
  }

  /** Polls until every instance runs and has a private address, heartbeating meanwhile. */
  private List<LaunchedNode> waitUntilRunning(LaunchRequest request, NodeGroup group, List<String> instanceIds) {
    long deadline = System.nanoTime() + RUNNING_WAIT.toNanos();
    while (true) {
      List<Instance> instances = describe(DescribeInstancesRequest.builder().instanceIds(instanceIds).build());
      boolean allUp = instances.size() == instanceIds.size()
          && instances.stream().allMatch(i -> "running".equals(i.state().nameAsString()) && i.privateIpAddress() != null);
      if (allUp) {
        return instances.stream()
            .map(i -> toLaunchedNode(i, group))
            .sorted((a, b) -> a.node().compareTo(b.node()))
            .toList();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            request.clientToken() + ": instances not running after " + RUNNING_WAIT + ": " + instanceIds);
      }
      heartbeat();
      sleep(Duration.ofSeconds(2));
    }
  }

  /**
   * An on-demand instance costs the node group's configured price; a spot instance the spot
   * price it launched at, where EC2 has one.
   */
  private LaunchedNode toLaunchedNode(Instance instance, NodeGroup group) {
    String purchasing = instance.instanceLifecycleAsString() == null ? "on-demand" : instance.instanceLifecycleAsString();
    String zone = instance.placement() == null ? null : instance.placement().availabilityZone();
    BigDecimal price = group.priceOf(instance.instanceTypeAsString());
    if ("spot".equals(purchasing) && zone != null) {
      price = spotPrices.at(instance.instanceTypeAsString(), zone, instance.launchTime()).orElse(price);
    }
    return new LaunchedNode(
        tagValue(instance, InstanceTags.SLURM_NODE),
        instance.instanceId(),
        instance.instanceTypeAsString(),
        instance.placement() == null ? null : instance.placement().availabilityZone(),
        instance.privateIpAddress(),
        instance.privateDnsName(),
        purchasing,
        instance.launchTime(),
        price);
  }

  private List<String> liveInstanceIds(List<Filter> filters) {
    return describe(DescribeInstancesRequest.builder().filters(filters).build()).stream()
        .map(Instance::instanceId)
        .toList();
  }

  private List<Instance> describe(DescribeInstancesRequest request) {
    return ec2.describeInstancesPaginator(request).reservations().stream()
        .map(Reservation::instances)
        .flatMap(List::stream)
        .toList();
  }

  /**
   * Terminates and checks that EC2 now reports every instance shutting-down or terminated;
   * fails (and so is retried) otherwise. Compensation is done only when EC2 confirms.
   */
  private TerminationResult terminateAndConfirm(List<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return new TerminationResult(List.of());
    }
    ec2.terminateInstances(TerminateInstancesRequest.builder().instanceIds(instanceIds).build());
    List<String> stillLive = describe(DescribeInstancesRequest.builder().instanceIds(instanceIds).build()).stream()
        .filter(i -> InstanceTags.LIVE_STATES.contains(i.state().nameAsString()))
        .map(Instance::instanceId)
        .toList();
    if (!stillLive.isEmpty()) {
      throw new IllegalStateException("EC2 does not yet report " + stillLive + " as terminating");
    }
    log.info("terminated {}", instanceIds);
    return new TerminationResult(instanceIds);
  }

  static String tagValue(Instance instance, String key) {
    return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInActivity) {
      // called outside an activity (tests of the adapter): nothing to heartbeat to
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for instances", e);
    }
  }

  /** Node groups by partition and by name, with clear errors for what is not configured. */
  private record NodeGroups(List<NodeGroup> all) {
    List<NodeGroup> ofPartition(String partition) {
      List<NodeGroup> found = all.stream().filter(g -> g.partition().equals(partition)).toList();
      if (found.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "(Code:NoNodeGroup)no node group is configured for partition '" + partition
                + "' (burstflow.ec2.node-groups)", FailureTypes.BAD_INPUT);
      }
      return found;
    }

    NodeGroup named(String name) {
      return all.stream().filter(g -> g.name().equals(name)).findFirst()
          .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
              "(Code:NoNodeGroup)no node group named '" + name + "'", FailureTypes.BAD_INPUT));
    }
  }
}
