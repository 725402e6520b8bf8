package org.burstflow.contracts.report;

/** Outcome of an e-mail delivery; {@code alreadySent} when an earlier call had sent it. */
public record DeliveryResult(String recipient, String messageId, boolean alreadySent) {}
