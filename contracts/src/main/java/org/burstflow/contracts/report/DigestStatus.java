package org.burstflow.contracts.report;

/** A digest workflow's state, for operators: what it waits for and what its last e-mail did. */
public record DigestStatus(int pendingReports, int emailsSent, String detail) {}
