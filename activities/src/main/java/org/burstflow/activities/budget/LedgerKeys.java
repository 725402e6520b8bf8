package org.burstflow.activities.budget;

import org.burstflow.contracts.JobKey;

/**
 * Idempotency keys. A job's operations share one suffix, {@code <cluster>:<jobid>:<attempt>}, so
 * a hold's reconciliation and release are found from the hold's own key.
 */
public final class LedgerKeys {

  /** The lifecycle workflow holds once per job, so its operations are attempt 1. */
  public static final int LIFECYCLE_ATTEMPT = 1;

  public static String hold(JobKey job, int attempt) {
    return OperationKind.HOLD.keyPrefix() + job.cluster() + ":" + job.jobId() + ":" + attempt;
  }

  /** The key of the RECONCILE or RELEASE that settles the hold {@code holdTransactionId}. */
  public static String settlement(OperationKind kind, String holdTransactionId) {
    return kind.keyPrefix() + holdTransactionId.substring(OperationKind.HOLD.keyPrefix().length());
  }

  private LedgerKeys() {}
}
