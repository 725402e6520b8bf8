package org.burstflow.activities.budget;

/** An account with this Slurm account name exists already. */
public class DuplicateAccountException extends RuntimeException {
  public DuplicateAccountException(String account) {
    super("budget account '" + account + "' already exists");
  }
}
