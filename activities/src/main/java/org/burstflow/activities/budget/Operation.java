package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One journal operation as stored. {@code transactionId} is its idempotency key. For RECONCILE,
 * {@code amount} is the charge and {@code holdAmount} the hold it released.
 */
public record Operation(
    long id,
    String transactionId,
    String account,
    OperationKind kind,
    String cluster,
    Long jobId,
    Integer attempt,
    String partition,
    BigDecimal amount,
    BigDecimal estimate,
    BigDecimal holdAmount,
    boolean overrun,
    String description,
    String detail,
    Instant createdAt) {}
