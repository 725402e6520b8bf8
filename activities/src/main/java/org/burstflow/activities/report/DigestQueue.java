package org.burstflow.activities.report;

/** Hands a stored report to its user's digest workflow. */
public interface DigestQueue {

  /** Signal-with-start of the user's digest workflow; returns its id. Repeatable. */
  String enqueue(String cluster, String user, long jobId);
}
