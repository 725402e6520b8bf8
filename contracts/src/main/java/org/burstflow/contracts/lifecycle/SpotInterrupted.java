package org.burstflow.contracts.lifecycle;

import java.time.Instant;

/**
 * A notice about one instance of a job, as the notice intake mapped it through the instance's
 * tags. Delivered at least once: the lifecycle ignores repeats for the same instance.
 *
 * @param noticeId the EventBridge event id, or the watcher's own id; for logs
 * @param noticeTime when EC2 emitted the notice
 * @param source {@code sqs}, {@code imds} or {@code sweep}
 * @param detail EC2's words (instance-action or state), for the report
 */
public record SpotInterrupted(
    String noticeId,
    String instanceId,
    SpotNoticeKind kind,
    Instant noticeTime,
    String source,
    String detail) {}
