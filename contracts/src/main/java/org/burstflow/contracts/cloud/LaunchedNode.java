package org.burstflow.contracts.cloud;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One instance serving one Slurm node, with what it costs per hour.
 *
 * @param attempt the lifecycle's launch attempt it served (0 in records from before attempts
 *     were kept per instance)
 * @param stoppedAt when the job gave the instance up before its end (a spot interruption); null
 *     while it serves the job to the end, which is then where its charge stops
 * @param interrupted EC2 took this instance away (spot interruption or it disappeared)
 */
public record LaunchedNode(
    String node,
    String instanceId,
    String instanceType,
    String availabilityZone,
    String privateIp,
    String hostname,
    String purchasingOption,
    Instant launchTime,
    BigDecimal hourlyPrice,
    int attempt,
    Instant stoppedAt,
    boolean interrupted) {

  public LaunchedNode(
      String node, String instanceId, String instanceType, String availabilityZone, String privateIp,
      String hostname, String purchasingOption, Instant launchTime, BigDecimal hourlyPrice) {
    this(node, instanceId, instanceType, availabilityZone, privateIp, hostname, purchasingOption,
        launchTime, hourlyPrice, 0, null, false);
  }

  public LaunchedNode ofAttempt(int attempt) {
    return new LaunchedNode(node, instanceId, instanceType, availabilityZone, privateIp, hostname,
        purchasingOption, launchTime, hourlyPrice, attempt, stoppedAt, interrupted);
  }

  /** The job gave this instance up at {@code when}; {@code interrupted} if EC2 took it. */
  public LaunchedNode stopped(Instant when, boolean interrupted) {
    return new LaunchedNode(node, instanceId, instanceType, availabilityZone, privateIp, hostname,
        purchasingOption, launchTime, hourlyPrice, attempt, when, interrupted);
  }
}
