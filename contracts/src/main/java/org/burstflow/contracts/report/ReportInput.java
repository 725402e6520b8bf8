package org.burstflow.contracts.report;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Everything a report says. {@code launched} and {@code cost} are null for local jobs;
 * {@code analysis} is null when the analysis could not run (the report then says so).
 */
public record ReportInput(
    JobKey job,
    JobAccounting accounting,
    LaunchedNodes launched,
    ReconcileResult cost,
    JobAnalysis analysis) {

  /** A report without an efficiency analysis. */
  public ReportInput(JobKey job, JobAccounting accounting, LaunchedNodes launched, ReconcileResult cost) {
    this(job, accounting, launched, cost, null);
  }
}
