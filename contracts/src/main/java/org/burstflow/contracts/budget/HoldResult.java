package org.burstflow.contracts.budget;

import java.math.BigDecimal;

/** The hold placed for a job and the estimate it was derived from. */
public record HoldResult(String account, BigDecimal estimate, BigDecimal held) {}
