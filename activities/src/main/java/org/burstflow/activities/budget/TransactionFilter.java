package org.burstflow.activities.budget;

import java.time.Instant;

/** Filters of {@code GET /api/v1/transactions}; null means any. */
public record TransactionFilter(
    String account, String cluster, Long jobId, OperationKind kind, Instant from, Instant to, int limit, int offset) {}
