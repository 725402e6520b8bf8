package org.burstflow.worker.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ServiceClientConfiguration;
import software.amazon.awssdk.services.ec2.model.CreateFleetError;
import software.amazon.awssdk.services.ec2.model.CreateFleetInstance;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetResponse;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreatePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeletePlacementGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePlacementGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * Wraps the real EC2 client (moto in tests) and injects the failures moto never produces:
 * partial fleets, InsufficientInstanceCapacity for chosen instance types, throttling, quota
 * errors, failing terminations, and a crash between CreateFleet and what follows it. Faults are
 * queued and consumed in order; with none queued every call goes straight through.
 */
public class FaultInjectingEc2Client implements Ec2Client {

  /** What the next matching CreateFleet does instead of (or besides) launching normally. */
  public enum FleetFault {
    /** Launch, but report one instance fewer (the untracked one still carries the fleet's tags). */
    PARTIAL,
    /** Launch nothing; the fleet's errors say InsufficientInstanceCapacity. */
    INSUFFICIENT_CAPACITY,
    /** Throw RequestLimitExceeded. */
    THROTTLE,
    /** Launch nothing; the fleet's errors say VcpuLimitExceeded. */
    QUOTA,
    /** Launch, then fail as if the worker died before it could read the answer. */
    CRASH_AFTER_LAUNCH
  }

  private record QueuedFault(FleetFault fault, String instanceType) {}

  private final Ec2Client real;
  private final ConcurrentLinkedQueue<QueuedFault> fleetFaults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger terminateFailures = new AtomicInteger();
  private final AtomicInteger laggingDescribes = new AtomicInteger();
  private final AtomicInteger createFleetCalls = new AtomicInteger();
  private final AtomicInteger describeInstanceTypesCalls = new AtomicInteger();
  private volatile java.time.Duration pauseAfterFleet = java.time.Duration.ZERO;

  public FaultInjectingEc2Client(Ec2Client real) {
    this.real = real;
  }

  /** The next CreateFleet for this instance type (null: any) fails this way. */
  public FaultInjectingEc2Client failNextFleet(FleetFault fault, String instanceType) {
    fleetFaults.add(new QueuedFault(fault, instanceType));
    return this;
  }

  /** The next {@code times} TerminateInstances calls fail with an internal error. */
  public FaultInjectingEc2Client failTerminations(int times) {
    terminateFailures.set(times);
    return this;
  }

  /**
   * The next {@code times} DescribeInstances calls by instance id do not see those instances yet,
   * as EC2's eventually consistent reads sometimes do right after a launch.
   */
  public FaultInjectingEc2Client lagDescribes(int times) {
    laggingDescribes.set(times);
    return this;
  }

  public void clearFaults() {
    fleetFaults.clear();
    terminateFailures.set(0);
    laggingDescribes.set(0);
  }

  public int createFleetCalls() {
    return createFleetCalls.get();
  }

  /**
   * Every CreateFleet that launched waits this long before answering, so a test can kill the
   * worker between CreateFleet and what follows it (tagging, scontrol).
   */
  public FaultInjectingEc2Client pauseAfterFleets(java.time.Duration pause) {
    pauseAfterFleet = pause;
    return this;
  }

  public int describeInstanceTypesCalls() {
    return describeInstanceTypesCalls.get();
  }

  @Override
  public software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse describeInstanceTypes(
      software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest request) {
    describeInstanceTypesCalls.incrementAndGet();
    return real.describeInstanceTypes(request);
  }

  @Override
  public software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(
      software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest request) {
    return real.describeLaunchTemplateVersions(request);
  }

  @Override
  public software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse createLaunchTemplateVersion(
      software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest request) {
    return real.createLaunchTemplateVersion(request);
  }

  @Override
  public CreateFleetResponse createFleet(CreateFleetRequest request) {
    createFleetCalls.incrementAndGet();
    String type = request.launchTemplateConfigs().get(0).overrides().get(0).instanceTypeAsString();
    QueuedFault fault = nextFaultFor(type);
    if (fault == null) {
      CreateFleetResponse response = real.createFleet(request);
      if (!pauseAfterFleet.isZero()) {
        try {
          Thread.sleep(pauseAfterFleet.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return response;
    }
    return switch (fault.fault()) {
      case THROTTLE -> throw ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503);
      case INSUFFICIENT_CAPACITY -> emptyFleet("InsufficientInstanceCapacity",
          "We currently do not have sufficient " + type + " capacity in the Availability Zone you requested.");
      case QUOTA -> emptyFleet("VcpuLimitExceeded",
          "You have requested more vCPU capacity than your current vCPU limit allows.");
      case PARTIAL -> dropOneInstance(real.createFleet(request));
      case CRASH_AFTER_LAUNCH -> {
        real.createFleet(request);
        throw new IllegalStateException("injected crash after CreateFleet");
      }
    };
  }

  private QueuedFault nextFaultFor(String type) {
    for (QueuedFault f : fleetFaults) {
      if (f.instanceType() == null || f.instanceType().equals(type)) {
        return fleetFaults.remove(f) ? f : null;
      }
    }
    return null;
  }

  private static CreateFleetResponse emptyFleet(String code, String message) {
    return CreateFleetResponse.builder()
        .fleetId("fleet-injected")
        .errors(CreateFleetError.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  private static CreateFleetResponse dropOneInstance(CreateFleetResponse response) {
    List<String> ids = new ArrayList<>();
    response.instances().forEach(i -> ids.addAll(i.instanceIds()));
    ids.remove(ids.size() - 1);
    CreateFleetInstance first = response.instances().get(0);
    return response.toBuilder()
        .instances(first.toBuilder().instanceIds(ids).build())
        .errors(CreateFleetError.builder().errorCode("InsufficientInstanceCapacity")
            .errorMessage("injected: one instance short").build())
        .build();
  }

  @Override
  public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest request) {
    if (terminateFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ec2Error("InternalError", "injected: termination failed", 500);
    }
    return real.terminateInstances(request);
  }

  @Override
  public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
    if (!request.instanceIds().isEmpty() && laggingDescribes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return DescribeInstancesResponse.builder().build();
    }
    return real.describeInstances(request);
  }

  @Override
  public CreateTagsResponse createTags(CreateTagsRequest request) {
    return real.createTags(request);
  }

  @Override
  public CreatePlacementGroupResponse createPlacementGroup(CreatePlacementGroupRequest request) {
    return real.createPlacementGroup(request);
  }

  @Override
  public DeletePlacementGroupResponse deletePlacementGroup(DeletePlacementGroupRequest request) {
    return real.deletePlacementGroup(request);
  }

  @Override
  public DescribePlacementGroupsResponse describePlacementGroups(DescribePlacementGroupsRequest request) {
    return real.describePlacementGroups(request);
  }

  @Override
  public software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse describeSpotPriceHistory(
      software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest request) {
    return real.describeSpotPriceHistory(request);
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

  private static Ec2Exception ec2Error(String code, String message, int status) {
    return (Ec2Exception) Ec2Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .message(message)
        .build();
  }
}
