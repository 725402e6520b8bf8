package org.burstflow.contracts.spot;

import java.time.Instant;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;

/**
 * One notice a job's lifecycle acted on, for the report.
 *
 * @param attempt the launch attempt the instance belonged to
 * @param outcome what was done, in words ("requeued; relaunch on spot", "not requeued: …")
 */
public record SpotInterruption(
    int attempt, String instanceId, String node, SpotNoticeKind kind, Instant noticeTime, String outcome) {}
