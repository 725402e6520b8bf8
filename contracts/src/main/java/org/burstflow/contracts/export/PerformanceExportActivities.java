package org.burstflow.contracts.export;

import io.temporal.activity.ActivityInterface;

/**
 * The end-of-job export for tools that read ASBX's output. Served on
 * {@link org.burstflow.contracts.TaskQueues#SLURM}: the file lands on the Slurm host, where
 * ASBX's epilog wrote it, and the AdminComment is set in the accounting database with
 * {@code sacctmgr} (slurmctld refuses to change a finished job).
 */
@ActivityInterface(namePrefix = "PerformanceExport_")
public interface PerformanceExportActivities {

  /**
   * Writes {@code <performance-dir>/<cluster>/job-<id>-performance.json} (mode 0600, atomically)
   * and puts the {@code aws_meta:} line in the job's AdminComment unless the comment holds
   * something else burstflow did not write. Idempotent: the same request writes the same bytes
   * and the same comment. A performance directory that is missing and cannot be created fails
   * with {@code BadInput}.
   */
  PerformanceExportResult export(PerformanceExportRequest request);
}
