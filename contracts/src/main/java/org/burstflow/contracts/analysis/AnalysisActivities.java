package org.burstflow.contracts.analysis;

import io.temporal.activity.ActivityInterface;

/** Efficiency analysis of a finished job; runs on the core task queue. */
@ActivityInterface(namePrefix = "Analysis_")
public interface AnalysisActivities {

  /**
   * Reads the job's spooled GPU samples (if any), computes efficiencies, class, root causes and
   * the sbatch diff (using the user's past runs of the same script), and stores the summary in
   * the job history. Idempotent: analysing the same job again replaces its stored summary.
   */
  JobAnalysis analyze(AnalysisRequest request);
}
