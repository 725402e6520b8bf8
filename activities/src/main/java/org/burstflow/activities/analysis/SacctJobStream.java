package org.burstflow.activities.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.burstflow.activities.slurm.SacctJobId;
import org.burstflow.activities.slurm.SacctRow;

/**
 * Groups a stream of sacct rows into jobs: sacct prints each job's allocation line followed by
 * its steps, so a job ends where the next job id starts. Array tasks are told apart by JobIDRaw.
 * Only one job's rows are held at a time.
 */
public final class SacctJobStream implements Consumer<SacctRow> {

  private final Consumer<List<SacctRow>> jobs;
  private List<SacctRow> current = new ArrayList<>();
  private long currentId = -1;

  public SacctJobStream(Consumer<List<SacctRow>> jobs) {
    this.jobs = jobs;
  }

  /** The job id the row belongs to: JobIDRaw when printed (array tasks), else JobID. */
  public static long jobIdOf(SacctRow row) {
    SacctJobId raw = row.jobIdRaw();
    return (raw != null ? raw : row.jobId()).job();
  }

  @Override
  public void accept(SacctRow row) {
    long id = jobIdOf(row);
    if (id != currentId) {
      flush();
      currentId = id;
    }
    current.add(row);
  }

  /** Hands over the last job; call once at the end of the stream. */
  public void flush() {
    if (!current.isEmpty()) {
      jobs.accept(current);
      current = new ArrayList<>();
    }
  }
}
