package org.burstflow.contracts.budget;

import java.math.BigDecimal;

/** A hold recovery settled: its job, what sacct said, and what was charged (0 if released). */
public record RecoveredHold(
    String transactionId, String account, String cluster, long jobId, String sacctState, BigDecimal held,
    BigDecimal charged) {}
