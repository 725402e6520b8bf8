package org.burstflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.burstflow.activities.slurm.Hostlist;

/**
 * Runs slurm-hooks/resume as slurmctld does (no PATH, SLURM_RESUME_FILE naming jobs and their
 * nodes, the hostlist as its one argument), against the benchmark's worker through a hooks
 * configuration of the benchmark's own.
 */
final class ResumeHook {

  /** A Slurm job and the node the resume gives it. */
  record JobNode(long jobId, String node) {}

  private final Path script;
  private final Path config;
  private final Path dir;
  private int calls;

  ResumeHook(Path repo, Path dir, int workerPort, String cluster, String hookKey) throws IOException {
    this.script = repo.resolve("slurm-hooks/resume").toAbsolutePath();
    this.dir = dir;
    this.config = dir.resolve("hooks.conf");
    Files.createDirectories(dir);
    Files.writeString(config, String.join("\n",
        "BURSTFLOW_URL=http://127.0.0.1:" + workerPort,
        "BURSTFLOW_CLUSTER=" + cluster,
        "BURSTFLOW_SPOOL_DIR=" + spoolDir(dir),
        "BURSTFLOW_LOG=" + log(),
        "BURSTFLOW_TIMEOUT=5",
        "BURSTFLOW_HOOK_TOKEN=" + hookKey,
        ""));
  }

  /** Where the hook spools what the worker did not take, and where the worker replays from. */
  static Path spoolDir(Path dir) {
    return dir.resolve("spool").toAbsolutePath();
  }

  Path log() {
    return dir.resolve("hooks.log").toAbsolutePath();
  }

  /** Writes the resume file first, so that what is timed from here is the hook call itself. */
  Invocation prepare(List<JobNode> jobs) throws IOException {
    String jobsJson = jobs.stream()
        .map(j -> "{\"job_id\":" + j.jobId() + ",\"nodes\":\"" + j.node() + "\"}")
        .collect(Collectors.joining(","));
    String hostlist = Hostlist.compress(jobs.stream().map(JobNode::node).toList());
    Path resumeFile = dir.resolve("resume-" + (++calls) + ".json");
    Files.writeString(resumeFile, "{\"jobs\":[" + jobsJson + "],\"all_nodes\":\"" + hostlist + "\"}");
    ProcessBuilder process = new ProcessBuilder(script.toString(), hostlist)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = process.environment();
    env.clear();
    env.put("SLURM_RESUME_FILE", resumeFile.toString());
    env.put("BURSTFLOW_HOOKS_CONF", config.toString());
    return new Invocation(process);
  }

  /** One prepared hook call. */
  static final class Invocation {
    private final ProcessBuilder process;

    private Invocation(ProcessBuilder process) {
      this.process = process;
    }

    Process start() throws IOException {
      return process.start();
    }
  }
}
