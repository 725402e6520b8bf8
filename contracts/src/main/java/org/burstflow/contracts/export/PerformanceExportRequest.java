package org.burstflow.contracts.export;

import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;

/**
 * What a burst job's lifecycle knows at its end, for the performance export.
 *
 * @param launched every instance of every attempt, with its attempt, stop time and whether EC2
 *     took it away
 * @param cost the reconciliation (null only if the job was never charged)
 * @param analysis null when the analysis failed; its figures are then null in the export
 * @param interruptions the spot notices the lifecycle acted on (empty when none)
 */
public record PerformanceExportRequest(
    JobKey job,
    JobAccounting accounting,
    LaunchedNodes launched,
    ReconcileResult cost,
    JobAnalysis analysis,
    List<SpotInterruption> interruptions) {}
