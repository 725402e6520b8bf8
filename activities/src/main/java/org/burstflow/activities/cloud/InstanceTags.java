package org.burstflow.activities.cloud;

import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.cloud.LaunchRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The tags burstflow puts on every instance (design.md §4) and the filters that find them. */
final class InstanceTags {
  static final String MANAGED_BY = "ManagedBy";
  static final String MANAGED_BY_VALUE = "burstflow";
  static final String CLUSTER = "Cluster";
  static final String JOB_ID = "JobID";
  static final String WORKFLOW_ID = "WorkflowId";
  static final String ATTEMPT = "Attempt";
  static final String LAUNCH_POOL = "LaunchPool";
  static final String PARTITION = "Partition";
  static final String NODE_GROUP = "NodeGroup";
  static final String SLURM_NODE = "SlurmNode";
  static final String NAME = "Name";

  /** Instance states that still cost money or may still come up. */
  static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

  /**
   * Tags set inside CreateFleet: the same for every instance of one launch attempt. A node
   * powered up without a job gets no JobID tag.
   */
  static List<Tag> launchTags(LaunchRequest request, NodeGroup group) {
    List<Tag> tags = new ArrayList<>(List.of(
        tag(MANAGED_BY, MANAGED_BY_VALUE),
        tag(CLUSTER, request.cluster())));
    if (request.job() != null) {
      tags.add(tag(JOB_ID, Long.toString(request.job().jobId())));
    }
    tags.addAll(List.of(
        tag(WORKFLOW_ID, request.workflowId()),
        tag(ATTEMPT, Integer.toString(request.attempt())),
        tag(LAUNCH_POOL, Integer.toString(request.poolIndex())),
        tag(PARTITION, request.partition()),
        tag(NODE_GROUP, group.name())));
    return tags;
  }

  /** Per-instance tags, set once each instance is assigned to a node. */
  static List<Tag> nodeTags(String node) {
    return List.of(tag(NAME, node), tag(SLURM_NODE, node));
  }

  static List<Filter> attemptFilters(LaunchRequest request) {
    List<Filter> filters = new ArrayList<>(clusterFilters(request.cluster()));
    filters.add(filter("tag:" + WORKFLOW_ID, List.of(request.workflowId())));
    filters.add(filter("tag:" + ATTEMPT, List.of(Integer.toString(request.attempt()))));
    return filters;
  }

  /** The instances of one pool of one attempt: what a retried launch may reuse. */
  static List<Filter> poolFilters(LaunchRequest request) {
    List<Filter> filters = new ArrayList<>(attemptFilters(request));
    filters.add(filter("tag:" + LAUNCH_POOL, List.of(Integer.toString(request.poolIndex()))));
    return filters;
  }

  static List<Filter> jobFilters(String cluster, String jobId) {
    List<Filter> filters = new ArrayList<>(clusterFilters(cluster));
    filters.add(filter("tag:" + JOB_ID, List.of(jobId)));
    return filters;
  }

  static List<Filter> nodeFilters(String cluster, List<String> nodes) {
    List<Filter> filters = new ArrayList<>(clusterFilters(cluster));
    filters.add(filter("tag:" + SLURM_NODE, nodes));
    return filters;
  }

  /** Instances of a cluster on their way out or gone: where lost ones are looked for. */
  static List<Filter> endedFilters(String cluster) {
    return List.of(
        filter("tag:" + MANAGED_BY, List.of(MANAGED_BY_VALUE)),
        filter("tag:" + CLUSTER, List.of(cluster)),
        filter("instance-state-name", List.of("shutting-down", "terminated", "stopping", "stopped")));
  }

  /** Every live instance burstflow manages for a cluster. */
  static List<Filter> clusterFilters(String cluster) {
    return List.of(
        filter("tag:" + MANAGED_BY, List.of(MANAGED_BY_VALUE)),
        filter("tag:" + CLUSTER, List.of(cluster)),
        filter("instance-state-name", LIVE_STATES));
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static Filter filter(String name, List<String> values) {
    return Filter.builder().name(name).values(values).build();
  }

  private InstanceTags() {}
}
