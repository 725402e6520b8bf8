package org.burstflow.contracts.cloud;

import java.time.Instant;

/** A live instance tagged {@code ManagedBy=burstflow} for a cluster; node and job may be null. */
public record ManagedInstance(
    String instanceId, String node, String jobId, String workflowId, Instant launchTime, String state) {}
