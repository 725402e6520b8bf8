package org.burstflow.contracts.report;

import java.time.Duration;

/**
 * When a user's digest goes out: {@code window} after its first report (a few minutes for
 * {@code PER_JOB}, so that an array's tasks share one e-mail; a day; a week), and never sooner
 * than {@code minInterval} after the previous e-mail to the same user (repeats are throttled).
 */
public record DigestPlan(DeliveryMode mode, Duration window, Duration minInterval) {}
