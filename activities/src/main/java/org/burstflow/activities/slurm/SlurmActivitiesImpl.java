package org.burstflow.activities.slurm;

import io.temporal.failure.ApplicationFailure;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.slurm.NodeAddress;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.contracts.slurm.SlurmJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activity adapter over scontrol and sacct. */
public class SlurmActivitiesImpl implements SlurmActivities {

  private static final Logger log = LoggerFactory.getLogger(SlurmActivitiesImpl.class);

  private final SlurmCommands commands;
  private final ZoneId slurmZone;

  /** @param slurmZone the time zone sacct prints its timestamps in (the controller's) */
  public SlurmActivitiesImpl(SlurmCommands commands, ZoneId slurmZone) {
    this.commands = commands;
    this.slurmZone = slurmZone;
  }

  @Override
  public SlurmJob describeJob(JobKey job) {
    SlurmCommands.Result result =
        commands.run("scontrol", List.of("show", "job", "-o", Long.toString(job.jobId())));
    if (!result.ok()) {
      if (result.stderr().contains("Invalid job id")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Slurm does not know job " + job + ": " + result.stderr(), FailureTypes.BAD_INPUT);
      }
      throw new IllegalStateException("scontrol show job " + job.jobId() + ": " + result.stderr());
    }
    return ScontrolJobParser.parse(result.stdout());
  }

  @Override
  public void setNodeAddresses(List<NodeAddress> addresses) {
    for (NodeAddress a : addresses) {
      commands.runOrFail(
          "scontrol",
          List.of("update", "nodename=" + a.node(), "nodeaddr=" + a.address(), "nodehostname=" + a.hostname()));
      log.info("node {} at {} ({})", a.node(), a.address(), a.hostname());
    }
  }

  @Override
  public JobAccounting readAccounting(JobKey job) {
    String out =
        commands.runOrFail(
            "sacct",
            List.of(
                "-j", Long.toString(job.jobId()),
                "-P",
                "--format=" + String.join(",", SacctParser.FORMAT_FIELDS)));
    try {
      return AccountingSummarizer.summarize(SacctParser.parse(out), job.jobId(), slurmZone);
    } catch (AccountingNotSettledException e) {
      // Retryable on purpose: the activity's retry policy polls until slurmdbd has the record.
      throw ApplicationFailure.newFailure(e.getMessage(), FailureTypes.ACCOUNTING_NOT_SETTLED);
    }
  }

  @Override
  public Map<String, String> nodeStates() {
    String out = commands.runOrFail("scontrol", List.of("show", "node", "-o"));
    Map<String, String> states = new TreeMap<>();
    out.lines().filter(l -> !l.isBlank()).forEach(line -> {
      Map<String, String> fields = ScontrolJobParser.fields(line);
      states.put(fields.get("NodeName"), fields.get("State"));
    });
    return states;
  }

  @Override
  public void resetNodeAddresses(List<String> nodes) {
    Map<String, String> states = nodeStates();
    for (String node : nodes) {
      String state = states.get(node);
      if (state != null && (state.contains("POWERED_DOWN") || state.contains("POWERING_DOWN"))) {
        commands.runOrFail("scontrol",
            List.of("update", "nodename=" + node, "nodeaddr=" + node, "nodehostname=" + node));
      } else {
        log.info("node {} is {}: its address is left as it is", node, state);
      }
    }
  }

  @Override
  public void holdJob(JobKey job, String reason) {
    String id = Long.toString(job.jobId());
    commands.runOrFail("scontrol", List.of("requeuehold", id));
    commands.runOrFail("scontrol", List.of("update", "jobid=" + id, "admincomment=" + reason));
    log.warn("job {} requeued and held: {}", job, reason);
  }

  @Override
  public void markNodesDown(List<String> nodes, String reason) {
    String hostlist = Hostlist.compress(nodes);
    commands.runOrFail("scontrol", List.of("update", "nodename=" + hostlist, "state=down", "reason=" + reason));
    commands.runOrFail("scontrol", List.of("update", "nodename=" + hostlist, "state=power_down_force"));
    log.warn("nodes {} down and powered down: {}", hostlist, reason);
  }

  @Override
  public Integer allocatedGpus(JobKey job) {
    String out = commands.runOrFail("sacct",
        List.of("-j", Long.toString(job.jobId()), "-X", "-P", "--format=JobID,JobIDRaw,AllocTRES"));
    return SacctParser.parse(out).stream()
        .filter(r -> (r.jobIdRaw() != null ? r.jobIdRaw() : r.jobId()).job() == job.jobId())
        .map(SacctRow::allocTresGpus)
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  @Override
  public String batchScriptHash(JobKey job) {
    SlurmCommands.Result r =
        commands.run("scontrol", List.of("write", "batch_script", Long.toString(job.jobId()), "-"));
    return r.ok() ? BatchScriptHash.of(r.stdout()) : null;
  }

  @Override
  public void signalJob(JobKey job, String signal, boolean batchStepOnly) {
    List<String> args = new java.util.ArrayList<>(List.of("--signal=" + signal));
    if (batchStepOnly) {
      args.add("--batch");
    }
    args.add(Long.toString(job.jobId()));
    SlurmCommands.Result result = commands.run("scancel", args);
    if (!result.ok()) {
      // a job that already ended or was requeued has nothing left to checkpoint
      log.info("job {}: scancel --signal={} did not reach it: {}", job, signal, result.stderr());
      return;
    }
    log.info("job {} sent {}{}", job, signal, batchStepOnly ? " (batch step)" : "");
  }

  @Override
  public void drainNodes(List<String> nodes, String reason) {
    String hostlist = Hostlist.compress(nodes);
    commands.runOrFail("scontrol", List.of("update", "nodename=" + hostlist, "state=drain", "reason=" + reason));
    log.warn("nodes {} drained: {}", hostlist, reason);
  }

  @Override
  public boolean requeueJob(JobKey job) {
    String id = Long.toString(job.jobId());
    Map<String, String> fields = ScontrolJobParser.fields(
        commands.runOrFail("scontrol", List.of("show", "job", "-o", id)).strip());
    String state = fields.getOrDefault("JobState", "");
    if (List.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED").contains(state)) {
      return true; // a repeated call after the requeue went through
    }
    if ("0".equals(fields.get("Requeue"))) {
      log.warn("job {} is not requeueable (Requeue=0), state {}", job, state);
      return false;
    }
    SlurmCommands.Result result = commands.run("scontrol", List.of("requeue", id));
    if (!result.ok()) {
      log.warn("job {}: scontrol requeue refused: {}", job, result.stderr());
      return false;
    }
    log.warn("job {} requeued (was {})", job, state);
    return true;
  }
}
