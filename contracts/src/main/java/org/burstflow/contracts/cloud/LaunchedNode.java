package org.burstflow.contracts.cloud;

import java.math.BigDecimal;
import java.time.Instant;

/** One instance serving one Slurm node, with what it costs per hour. */
public record LaunchedNode(
    String node,
    String instanceId,
    String instanceType,
    String availabilityZone,
    String privateIp,
    String hostname,
    String purchasingOption,
    Instant launchTime,
    BigDecimal hourlyPrice) {}
