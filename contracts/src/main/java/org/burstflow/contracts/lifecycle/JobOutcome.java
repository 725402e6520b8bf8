package org.burstflow.contracts.lifecycle;

import java.math.BigDecimal;
import org.burstflow.contracts.JobKey;

/** The result of a finished lifecycle, kept in Temporal's history for operators. */
public record JobOutcome(
    JobKey job,
    String slurmState,
    BigDecimal heldAmount,
    BigDecimal chargedAmount,
    String reportRecipient,
    boolean reportSent) {}
