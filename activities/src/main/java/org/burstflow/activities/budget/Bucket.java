package org.burstflow.activities.budget;

/**
 * The four sides of an account in the double-entry journal. For every account, at every moment,
 * limit = −FUNDING = AVAILABLE + HELD + USED, because every operation's postings sum to zero.
 */
public enum Bucket {
  /** Where the account's money comes from; its balance is minus the limit. */
  FUNDING,
  /** limit − used − held. */
  AVAILABLE,
  /** Holds placed and not yet reconciled or released. */
  HELD,
  /** Charged. */
  USED
}
