package org.burstflow.activities.slurm;

/**
 * sacct does not yet hold the job's final record: slurmdbd lags the epilog by seconds, and steps
 * may still be closing. The caller should ask again later; the message says what was missing.
 * Unchecked so that the activity adapter lets Temporal's retry policy handle it.
 */
public class AccountingNotSettledException extends RuntimeException {

  /** Why the record is not final yet. */
  public enum Reason {
    NO_ALLOCATION_LINE,
    JOB_NOT_ENDED,
    NO_END_TIME,
    STEP_NOT_ENDED
  }

  private final Reason reason;

  public AccountingNotSettledException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
