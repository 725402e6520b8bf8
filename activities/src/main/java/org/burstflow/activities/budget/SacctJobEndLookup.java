package org.burstflow.activities.budget;

import java.time.ZoneId;
import java.util.List;
import org.burstflow.activities.slurm.AccountingNotSettledException;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.activities.slurm.SacctRow;
import org.burstflow.activities.slurm.SlurmCommands;
import org.burstflow.contracts.JobKey;

/** Asks {@code sacct -j <job> -M <cluster>} whether a job has ended. */
public class SacctJobEndLookup implements JobEndLookup {

  private final SlurmCommands commands;
  private final ZoneId slurmZone;

  public SacctJobEndLookup(SlurmCommands commands, ZoneId slurmZone) {
    this.commands = commands;
    this.slurmZone = slurmZone;
  }

  @Override
  public JobEnd lookup(JobKey job) {
    String out = commands.runOrFail("sacct", List.of(
        "-j", Long.toString(job.jobId()), "-M", job.cluster(), "-P",
        "--format=" + String.join(",", SacctParser.FORMAT_FIELDS)));
    return classify(SacctParser.parse(out), job, slurmZone);
  }

  /** Separate from the command so recorded sacct output can be classified in tests. */
  public static JobEnd classify(List<SacctRow> rows, JobKey job, ZoneId zone) {
    try {
      return new Ended(AccountingSummarizer.summarize(rows, job.jobId(), zone));
    } catch (AccountingNotSettledException e) {
      return e.reason() == AccountingNotSettledException.Reason.NO_ALLOCATION_LINE
          ? new Unknown()
          : new NotEnded(e.getMessage());
    }
  }
}
