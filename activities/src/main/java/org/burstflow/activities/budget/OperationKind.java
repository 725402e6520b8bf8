package org.burstflow.activities.budget;

/** What a journal operation did; each kind has a fixed shape of postings (see {@link Postings}). */
public enum OperationKind {
  ALLOCATION,
  ADJUSTMENT,
  HOLD,
  RECONCILE,
  RELEASE,
  REFUND;

  /** The idempotency-key prefix of this kind, e.g. {@code hold:}. */
  public String keyPrefix() {
    return name().toLowerCase() + ":";
  }
}
