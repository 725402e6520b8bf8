package org.burstflow.activities.export;

import java.util.List;
import org.burstflow.activities.slurm.ScontrolJobParser;
import org.burstflow.activities.slurm.SlurmCommands;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.export.AwsMeta;

/**
 * Puts the {@code aws_meta:} line in a job's AdminComment with {@code scontrol update}, never in
 * the user's Comment. A comment burstflow did not write (Princeton jobstats keeps its
 * {@code JS1:} summary there, sites their own notes) is kept: the field holds one string, and the
 * same line is in the performance file anyway. burstflow's own earlier texts (a previous
 * {@code aws_meta:}, the budget refusal note) are replaced.
 */
public final class AdminCommentWriter {

  private static final String OWN_NOTE_PREFIX = "burstflow:";

  private final SlurmCommands commands;

  public AdminCommentWriter(SlurmCommands commands) {
    this.commands = commands;
  }

  /** What happened, in words: {@code set}, {@code already set}, or why not. */
  public String put(JobKey job, String line) {
    String id = Long.toString(job.jobId());
    SlurmCommands.Result shown = commands.run("scontrol", List.of("show", "job", "-o", id));
    if (!shown.ok()) {
      if (shown.stderr().contains("Invalid job id")) {
        // slurmctld forgets a job MinJobAge after its end; the file still has everything
        return "not set: slurmctld no longer knows job " + id;
      }
      throw new IllegalStateException("scontrol show job " + id + ": " + shown.stderr());
    }
    String current = ScontrolJobParser.fields(shown.stdout().strip()).get("AdminComment");
    current = current == null || current.equals("(null)") ? "" : current.strip();
    if (current.equals(line)) {
      return "already set";
    }
    if (!current.isEmpty() && !current.startsWith(AwsMeta.PREFIX) && !current.startsWith(OWN_NOTE_PREFIX)) {
      return "kept: it holds " + abbreviate(current);
    }
    commands.runOrFail("scontrol", List.of("update", "jobid=" + id, "admincomment=" + line));
    return "set";
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
