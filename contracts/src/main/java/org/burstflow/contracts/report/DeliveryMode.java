package org.burstflow.contracts.report;

/** How a user wants job reports e-mailed; chosen on the preferences page. */
public enum DeliveryMode {
  /** Each report soon after its job ends (jobs ending together, e.g. an array, share one e-mail). */
  PER_JOB,
  /** One digest a day. */
  DAILY,
  /** One digest a week. */
  WEEKLY,
  /** No e-mail; reports stay in the portal. */
  OFF
}
