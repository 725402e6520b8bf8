package org.burstflow.contracts.cloud;

/** An instance the orphan sweep terminates, and why (logged with the action). */
public record OrphanTermination(String instanceId, String node, String reason) {}
