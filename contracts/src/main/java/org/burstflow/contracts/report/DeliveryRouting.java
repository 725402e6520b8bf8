package org.burstflow.contracts.report;

/**
 * What happened to a stored report when its job finished: handed to the user's digest workflow
 * ({@code queued}), or not to be e-mailed and why (partition or job class not configured, user
 * opted out).
 */
public record DeliveryRouting(boolean queued, String digestWorkflowId, String detail) {}
