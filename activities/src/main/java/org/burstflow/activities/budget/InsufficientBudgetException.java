package org.burstflow.activities.budget;

/** The account cannot cover the hold, or may not take holds now; nothing was written. */
public class InsufficientBudgetException extends RuntimeException {

  /** Why a hold was refused; the names are ASBB's error codes. */
  public enum Reason {
    INSUFFICIENT_BUDGET,
    ACCOUNT_INACTIVE,
    ACCOUNT_EXPIRED,
    PARTITION_LIMIT_EXCEEDED
  }

  private final Reason reason;

  public InsufficientBudgetException(String message) {
    this(Reason.INSUFFICIENT_BUDGET, message);
  }

  public InsufficientBudgetException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
