package org.burstflow.activities.cloud;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
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

/** EC2 side of the lifecycle: all-or-nothing launches and termination by tag. */
public class CloudNodeActivitiesImpl implements CloudNodeActivities {

  private static final Logger log = LoggerFactory.getLogger(CloudNodeActivitiesImpl.class);
  private static final Duration RUNNING_WAIT = Duration.ofMinutes(3);

  private final Ec2Client ec2;
  private final Map<String, NodeGroup> groupsByPartition;
  private final FleetRequestBuilder fleetRequests = new FleetRequestBuilder();

  public CloudNodeActivitiesImpl(Ec2Client ec2, List<NodeGroup> nodeGroups) {
    this.ec2 = ec2;
    this.groupsByPartition =
        nodeGroups.stream().collect(Collectors.toMap(NodeGroup::partition, Function.identity()));
  }

  @Override
  public LaunchedNodes launchNodes(LaunchRequest request) {
    NodeGroup group = groupFor(request.partition());
    List<String> instanceIds = existingAttemptInstances(request);
    if (instanceIds.isEmpty()) {
      instanceIds = createFleet(request, group);
    } else {
      log.info("{}: attempt already launched {}, reusing", request.clientToken(), instanceIds);
    }
    if (instanceIds.size() != request.nodes().size()) {
      TerminationResult cleaned = terminateLaunch(request);
      throw ApplicationFailure.newNonRetryableFailure(
          "(Code:InsufficientInstanceCapacity)asked for "
              + request.nodes().size()
              + " x "
              + group.instanceType()
              + ", got "
              + instanceIds.size()
              + "; terminated "
              + cleaned.instanceIds(),
          FailureTypes.INSUFFICIENT_CAPACITY);
    }
    tagNodes(request.nodes(), instanceIds);
    return new LaunchedNodes(waitUntilRunning(request, group, instanceIds));
  }

  @Override
  public TerminationResult terminateLaunch(LaunchRequest request) {
    Set<String> ids = new LinkedHashSet<>(liveInstanceIds(InstanceTags.attemptFilters(request)));
    ids.addAll(
        liveInstanceIds(InstanceTags.nodeFilters(request.job().cluster(), request.nodes())).stream()
            .filter(id -> belongsToAttempt(id, request))
            .toList());
    return terminate(List.copyOf(ids));
  }

  @Override
  public TerminationResult terminateNodes(TerminateRequest request) {
    return terminate(liveInstanceIds(InstanceTags.nodeFilters(request.cluster(), request.nodes())));
  }

  private NodeGroup groupFor(String partition) {
    NodeGroup group = groupsByPartition.get(partition);
    if (group == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no node group is configured for partition '" + partition + "' (burstflow.ec2.node-groups)",
          FailureTypes.BAD_INPUT);
    }
    return group;
  }

  /** Instances of this attempt from an earlier try of this activity (our idempotency guard). */
  private List<String> existingAttemptInstances(LaunchRequest request) {
    return liveInstanceIds(InstanceTags.attemptFilters(request));
  }

  private List<String> createFleet(LaunchRequest request, NodeGroup group) {
    CreateFleetResponse response;
    try {
      response = ec2.createFleet(fleetRequests.build(request, group));
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
    log.info("{}: CreateFleet {} returned {}", request.clientToken(), response.fleetId(), ids);
    return ids;
  }

  private void tagNodes(List<String> nodes, List<String> instanceIds) {
    List<String> sorted = instanceIds.stream().sorted().toList();
    for (int i = 0; i < nodes.size(); i++) {
      ec2.createTags(
          CreateTagsRequest.builder()
              .resources(sorted.get(i))
              .tags(InstanceTags.nodeTags(nodes.get(i)))
              .build());
    }
  }

  /** Polls until every instance runs and has a private address, heartbeating meanwhile. */
  private List<LaunchedNode> waitUntilRunning(
      LaunchRequest request, NodeGroup group, List<String> instanceIds) {
    long deadline = System.nanoTime() + RUNNING_WAIT.toNanos();
    while (true) {
      List<Instance> instances = describe(DescribeInstancesRequest.builder().instanceIds(instanceIds).build());
      boolean allUp =
          instances.size() == instanceIds.size()
              && instances.stream()
                  .allMatch(i -> "running".equals(i.state().nameAsString()) && i.privateIpAddress() != null);
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

  private LaunchedNode toLaunchedNode(Instance instance, NodeGroup group) {
    String node = tagValue(instance, InstanceTags.SLURM_NODE);
    String purchasing = instance.instanceLifecycleAsString() == null ? "on-demand" : instance.instanceLifecycleAsString();
    return new LaunchedNode(
        node,
        instance.instanceId(),
        instance.instanceTypeAsString(),
        instance.placement() == null ? null : instance.placement().availabilityZone(),
        instance.privateIpAddress(),
        instance.privateDnsName(),
        purchasing,
        instance.launchTime(),
        group.hourlyPrice());
  }

  private boolean belongsToAttempt(String instanceId, LaunchRequest request) {
    return describe(DescribeInstancesRequest.builder().instanceIds(instanceId).build()).stream()
        .anyMatch(i -> request.workflowId().equals(tagValue(i, InstanceTags.WORKFLOW_ID)));
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

  private TerminationResult terminate(List<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      return new TerminationResult(List.of());
    }
    ec2.terminateInstances(TerminateInstancesRequest.builder().instanceIds(instanceIds).build());
    log.info("terminated {}", instanceIds);
    return new TerminationResult(instanceIds);
  }

  private static String tagValue(Instance instance, String key) {
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
}
