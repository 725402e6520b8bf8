package org.burstflow.contracts;

/** {@code ApplicationFailure} type strings: the contract between activities and workflows. */
public final class FailureTypes {
  /** EC2 could not supply the nodes (shortfall or InsufficientInstanceCapacity). */
  public static final String INSUFFICIENT_CAPACITY = "InsufficientCapacity";
  /** An account or service quota stops the launch; retrying will not help. */
  public static final String QUOTA_EXCEEDED = "QuotaExceeded";
  /** The hold would exceed the account's available budget. */
  public static final String INSUFFICIENT_BUDGET = "InsufficientBudget";
  /** Bad configuration or input; fix it, do not retry. */
  public static final String BAD_INPUT = "BadInput";
  /** sacct does not yet show the job in a settled terminal state; retried by policy. */
  public static final String ACCOUNTING_NOT_SETTLED = "AccountingNotSettled";

  private FailureTypes() {}
}
