package org.burstflow.activities.budget;

/** No hold with this transaction id: nothing to reconcile or release against. */
public class UnknownHoldException extends RuntimeException {
  public UnknownHoldException(String transactionId) {
    super("no hold with transaction id '" + transactionId + "'");
  }
}
