package org.burstflow.activities.analysis;

import java.time.Duration;

/** A previous run of the same script by the same user, as kept in the job history. */
public record PastRun(long jobId, String state, Duration elapsed, Long peakRssBytes) {}
