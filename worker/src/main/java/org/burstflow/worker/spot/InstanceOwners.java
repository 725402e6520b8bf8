package org.burstflow.worker.spot;

import java.util.List;
import java.util.Optional;
import org.burstflow.contracts.JobKey;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Which job of this cluster an instance serves, from the tags every launch sets
 * (ManagedBy=burstflow, Cluster, JobID). EC2 keeps describing a terminated instance, with its
 * tags, for about an hour, so even a late state-change event finds its job.
 */
class InstanceOwners {

  private final Ec2Client ec2;
  private final String cluster;

  InstanceOwners(Ec2Client ec2, String cluster) {
    this.ec2 = ec2;
    this.cluster = cluster;
  }

  /** The job, or empty when the instance is unknown, not ours, or another cluster's. */
  Optional<JobKey> jobOf(String instanceId) {
    List<Instance> instances;
    try {
      instances = ec2.describeInstances(DescribeInstancesRequest.builder().instanceIds(instanceId).build())
          .reservations().stream().map(Reservation::instances).flatMap(List::stream).toList();
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
          && e.awsErrorDetails().errorCode().startsWith("InvalidInstanceID")) {
        return Optional.empty(); // long gone, or never EC2's: nothing of ours to act on
      }
      throw e;
    }
    return instances.stream().findFirst().flatMap(this::job);
  }

  private Optional<JobKey> job(Instance instance) {
    if (!"burstflow".equals(tag(instance, "ManagedBy")) || !cluster.equals(tag(instance, "Cluster"))) {
      return Optional.empty();
    }
    String jobId = tag(instance, "JobID");
    if (jobId == null || !jobId.matches("[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(new JobKey(cluster, Long.parseLong(jobId)));
  }

  private static String tag(Instance instance, String key) {
    return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
  }
}
