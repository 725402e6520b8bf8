package org.burstflow.contracts.report;

import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;

/**
 * Everything a report says. {@code launched} and {@code cost} are null for local jobs;
 * {@code analysis} is null when the analysis could not run (the report then says so);
 * {@code interruptions} are the spot notices the lifecycle acted on (empty when none, null in
 * inputs recorded before they existed).
 */
public record ReportInput(
    JobKey job,
    JobAccounting accounting,
    LaunchedNodes launched,
    ReconcileResult cost,
    JobAnalysis analysis,
    List<SpotInterruption> interruptions) {

  public ReportInput(
      JobKey job, JobAccounting accounting, LaunchedNodes launched, ReconcileResult cost, JobAnalysis analysis) {
    this(job, accounting, launched, cost, analysis, List.of());
  }

  /** A report without an efficiency analysis. */
  public ReportInput(JobKey job, JobAccounting accounting, LaunchedNodes launched, ReconcileResult cost) {
    this(job, accounting, launched, cost, null);
  }
}
