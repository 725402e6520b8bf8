package org.burstflow.contracts.report;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;

/** Everything a report says. {@code launched} and {@code cost} are null for local jobs. */
public record ReportInput(
    JobKey job, JobAccounting accounting, LaunchedNodes launched, ReconcileResult cost) {}
