package org.burstflow.contracts.report;

/**
 * One digest delivery: how many of its reports went out in the e-mail {@code messageId} (null
 * when none did), and how many were skipped (already sent by an earlier try, or the user opted
 * out in the meantime).
 */
public record DigestResult(String recipient, String messageId, int reportsSent, int reportsSkipped, String detail) {}
