package org.burstflow.contracts.report;

import org.burstflow.contracts.JobKey;

/** A rendered report as kept in the portal store. */
public record StoredReport(JobKey job, String recipient, String subject) {}
