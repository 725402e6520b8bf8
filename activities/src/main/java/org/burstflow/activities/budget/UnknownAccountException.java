package org.burstflow.activities.budget;

/** The Slurm account has no budget account in the ledger. */
public class UnknownAccountException extends RuntimeException {
  public UnknownAccountException(String account) {
    super("no budget account '" + account + "' (create it, or list it under burstflow.budget.accounts)");
  }
}
