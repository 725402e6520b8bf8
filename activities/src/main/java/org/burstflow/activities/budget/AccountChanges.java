package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What to set on an account; null fields are left as they are. A new {@code limit} is written as
 * an ADJUSTMENT (or, at creation, an ALLOCATION) in the journal, never by overwriting a figure.
 */
public record AccountChanges(
    String name,
    String description,
    String status,
    Instant periodStart,
    Instant periodEnd,
    BigDecimal limit,
    BudgetAccount.Grant grant,
    Map<String, BigDecimal> partitionLimits) {}
