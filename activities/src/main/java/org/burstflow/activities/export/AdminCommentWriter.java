package org.burstflow.activities.export;

import java.util.List;
import org.burstflow.activities.slurm.SlurmCommands;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.export.AwsMeta;

/**
 * Puts the {@code aws_meta:} line in a finished job's AdminComment, never in the user's Comment.
 *
 * <p>The job has ended by the time its cost is known, and slurmctld refuses {@code scontrol update
 * admincomment=…} for a finished job ("Job has already finished"), so the comment goes into the
 * accounting record with {@code sacctmgr -i modify job where jobid=… set AdminComment=…} and is
 * read from {@code sacct}. Slurm 22.05 stores a value set that way with its double quotes turned
 * into backticks and in lower case ({@code aws_meta:{`cost`:0.05,…}}); the line is lower case
 * anyway, and the performance file has the exact JSON.
 *
 * <p>A comment burstflow did not write (jobstats' {@code JS1:} summary, a site's note) is kept:
 * the field holds one string. burstflow's own earlier texts (a previous {@code aws_meta:}, the
 * budget refusal note) are replaced.
 */
public final class AdminCommentWriter {

  private static final String OWN_NOTE_PREFIX = "burstflow:";

  private final SlurmCommands commands;

  public AdminCommentWriter(SlurmCommands commands) {
    this.commands = commands;
  }

  /** What happened, in words: {@code set}, {@code already set}, or why not. */
  public String put(JobKey job, String line) {
    String current = current(job);
    if (current.equals(line) || current.equalsIgnoreCase(asStored(line))) {
      return "already set";
    }
    String lower = current.toLowerCase(java.util.Locale.ROOT);
    if (!current.isEmpty() && !lower.startsWith(AwsMeta.PREFIX) && !lower.startsWith(OWN_NOTE_PREFIX)) {
      return "kept: it holds " + abbreviate(current);
    }
    String id = Long.toString(job.jobId());
    commands.runOrFail("sacctmgr", List.of("-i", "modify", "job", "where", "jobid=" + id, "set", "AdminComment=" + line));
    String stored = current(job);
    if (!stored.equals(line) && !stored.equalsIgnoreCase(asStored(line))) {
      throw new IllegalStateException("job " + id + ": AdminComment reads '" + abbreviate(stored)
          + "' after sacctmgr set it to '" + abbreviate(line) + "'");
    }
    return "set";
  }

  /** The job's AdminComment in the accounting database (the newest record of that id). */
  public String current(JobKey job) {
    String out = commands.runOrFail("sacct",
        List.of("-X", "-n", "-P", "-j", Long.toString(job.jobId()), "-o", "AdminComment"));
    List<String> lines = out.lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  /** How Slurm's accounting keeps a value given to sacctmgr: double quotes become backticks (case aside). */
  static String asStored(String value) {
    return value.replace('"', '`');
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
