package org.burstflow.activities.budget;

/** The account cannot cover the hold; nothing was written. */
public class InsufficientBudgetException extends RuntimeException {
  public InsufficientBudgetException(String message) {
    super(message);
  }
}
