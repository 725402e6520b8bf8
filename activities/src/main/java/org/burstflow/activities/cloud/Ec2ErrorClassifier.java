package org.burstflow.activities.cloud;

import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.burstflow.contracts.FailureTypes;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * Turns EC2 error codes into the failure types workflows act on. Throttling is never capacity:
 * it stays retryable so the retry policy backs off.
 */
final class Ec2ErrorClassifier {

  private static final Set<String> CAPACITY =
      Set.of(
          "InsufficientInstanceCapacity",
          "InsufficientCapacity",
          "InsufficientHostCapacity",
          "InsufficientReservedInstanceCapacity",
          "SpotMaxPriceTooLow",
          "UnfulfillableCapacity");
  private static final Set<String> QUOTA =
      Set.of(
          "VcpuLimitExceeded",
          "InstanceLimitExceeded",
          "MaxSpotInstanceCountExceeded",
          "MaxSpotFleetRequestCountExceeded");
  private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling");

  /** The failure type for an EC2 error code, or null when the error is worth retrying. */
  static String failureType(String code) {
    if (code == null || THROTTLING.contains(code)) {
      return null;
    }
    if (CAPACITY.contains(code)) {
      return FailureTypes.INSUFFICIENT_CAPACITY;
    }
    if (QUOTA.contains(code)) {
      return FailureTypes.QUOTA_EXCEEDED;
    }
    if (code.startsWith("Invalid")
        || code.startsWith("Unauthorized")
        || code.equals("AuthFailure")
        || code.equals("MissingParameter")
        || code.equals("OptInRequired")) {
      return FailureTypes.BAD_INPUT;
    }
    return null;
  }

  /** Rethrows an EC2 exception as a typed non-retryable failure when retrying cannot help. */
  static RuntimeException classify(Ec2Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String type = failureType(code);
    if (type == null) {
      return e;
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        "(Code:" + code + ")" + e.awsErrorDetails().errorMessage(), type, e);
  }

  private Ec2ErrorClassifier() {}
}
