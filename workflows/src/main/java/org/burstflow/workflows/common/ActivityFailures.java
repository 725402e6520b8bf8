package org.burstflow.workflows.common;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** Reading the type and message an activity or child workflow failed with. */
public final class ActivityFailures {

  /** The {@code ApplicationFailure} type (e.g. {@code InsufficientCapacity}), or {@code fallback}. */
  public static String typeOf(TemporalFailure e, String fallback) {
    return e.getCause() instanceof ApplicationFailure af ? af.getType() : fallback;
  }

  /** The message as the activity wrote it, without Temporal's wrapping. */
  public static String messageOf(TemporalFailure e) {
    if (e.getCause() instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }

  private ActivityFailures() {}
}
