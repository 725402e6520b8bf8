package org.burstflow.activities.budget;

import java.math.BigDecimal;

/** One side of an operation: a signed amount on one bucket of the operation's account. */
public record Posting(Bucket bucket, BigDecimal amount) {}
