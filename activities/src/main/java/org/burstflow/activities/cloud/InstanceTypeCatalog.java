package org.burstflow.activities.cloud;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.burstflow.contracts.FailureTypes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * What EC2 says an instance type can do, asked once per type per process: whether it supports
 * EFA ({@code DescribeInstanceTypes} → {@code NetworkInfo.EfaSupported}). A type's capabilities
 * never change, so the answer is kept for the life of the worker.
 */
final class InstanceTypeCatalog {

  private final Ec2Client ec2;
  private final Map<String, Boolean> efaSupported = new ConcurrentHashMap<>();

  InstanceTypeCatalog(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** The types among {@code types} that support EFA, in the given order. */
  List<String> efaCapable(List<String> types) {
    List<String> unknown = types.stream().filter(t -> !efaSupported.containsKey(t)).distinct().toList();
    if (!unknown.isEmpty()) {
      load(unknown);
    }
    return types.stream().filter(t -> Boolean.TRUE.equals(efaSupported.get(t))).toList();
  }

  private void load(List<String> types) {
    List<InstanceTypeInfo> infos = new ArrayList<>();
    try {
      ec2.describeInstanceTypesPaginator(r -> r.instanceTypesWithStrings(types))
          .instanceTypes().forEach(infos::add);
    } catch (Ec2Exception e) {
      throw Ec2ErrorClassifier.classify(e);
    }
    for (InstanceTypeInfo info : infos) {
      boolean efa = info.networkInfo() != null && Boolean.TRUE.equals(info.networkInfo().efaSupported());
      efaSupported.put(info.instanceTypeAsString(), efa);
    }
    List<String> missing = types.stream().filter(t -> !efaSupported.containsKey(t)).toList();
    if (!missing.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "(Code:InvalidInstanceType)EC2 does not know the instance types " + missing, FailureTypes.BAD_INPUT);
    }
  }
}
