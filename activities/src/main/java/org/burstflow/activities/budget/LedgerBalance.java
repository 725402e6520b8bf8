package org.burstflow.activities.budget;

import java.math.BigDecimal;

/** An account's balance, derived from its journal: available = limit − used − held. */
public record LedgerBalance(
    String account, BigDecimal limit, BigDecimal used, BigDecimal held, BigDecimal available) {}
