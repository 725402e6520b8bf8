package org.burstflow.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ServiceClientConfiguration;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * The real EC2 client, noting when each CreateFleet is sent (by ClientToken) and how long EC2
 * took to answer it: the two ends the provisioning benchmark measures between.
 */
final class TimedEc2Client implements Ec2Client {

  record FleetCall(long sentNanos, long roundTripNanos) {}

  private final Ec2Client real;
  private final Map<String, FleetCall> calls = new ConcurrentHashMap<>();

  TimedEc2Client(Ec2Client real) {
    this.real = real;
  }

  FleetCall call(String clientToken) {
    return calls.get(clientToken);
  }

  @Override
  public CreateFleetResponse createFleet(CreateFleetRequest request) {
    long sent = System.nanoTime();
    CreateFleetResponse response = real.createFleet(request);
    calls.put(request.clientToken(), new FleetCall(sent, System.nanoTime() - sent));
    return response;
  }

  @Override
  public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
    return real.describeInstances(request);
  }

  @Override
  public CreateTagsResponse createTags(CreateTagsRequest request) {
    return real.createTags(request);
  }

  @Override
  public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest request) {
    return real.terminateInstances(request);
  }

  @Override
  public Ec2ServiceClientConfiguration serviceClientConfiguration() {
    return real.serviceClientConfiguration();
  }

  @Override
  public String serviceName() {
    return real.serviceName();
  }

  @Override
  public void close() {
    real.close();
  }
}
