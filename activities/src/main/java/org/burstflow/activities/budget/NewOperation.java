package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.util.List;

/** An operation to append, with its postings (which must sum to zero). */
record NewOperation(
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
    List<Posting> postings) {}
