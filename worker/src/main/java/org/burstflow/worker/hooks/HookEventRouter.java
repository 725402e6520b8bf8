package org.burstflow.worker.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import jakarta.annotation.PreDestroy;
import org.burstflow.activities.slurm.Hostlist;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.hooks.EpilogHookEvent;
import org.burstflow.contracts.hooks.HookEventType;
import org.burstflow.contracts.hooks.NodeHookEvent;
import org.burstflow.contracts.hooks.ResumeHookEvent;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.provisioning.ManualPowerUpWorkflow;
import org.burstflow.contracts.provisioning.PowerUpRequest;
import org.burstflow.contracts.release.NodeReleaseRequest;
import org.burstflow.contracts.release.NodeReleaseWorkflow;
import org.burstflow.worker.config.BurstflowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a hook event into workflow starts and signals. Used by the REST endpoints and by the
 * spool replay, so an event has the same effect however it arrives. Deterministic workflow ids
 * make every call idempotent.
 */
@Component
public class HookEventRouter {

  private static final Logger log = LoggerFactory.getLogger(HookEventRouter.class);

  /**
   * Signal-with-starts of one resume call run side by side: slurmctld resumes the nodes of many
   * jobs (an array burst) in one call, and one after the other 200 of them took longer than the
   * hook's 5 s timeout, so the hook spooled a call the worker had taken and it came twice.
   */
  private static final int PARALLEL_SIGNALS = 16;

  private final ExecutorService signalPool = Executors.newFixedThreadPool(PARALLEL_SIGNALS, r -> {
    Thread t = new Thread(r, "hook-signal");
    t.setDaemon(true);
    return t;
  });
  private final WorkflowClient client;
  private final ObjectMapper json;
  private final String cluster;
  private final Clock clock;

  @Autowired
  public HookEventRouter(WorkflowClient client, ObjectMapper json, BurstflowProperties props) {
    this(client, json, props.cluster(), Clock.systemUTC());
  }

  HookEventRouter(WorkflowClient client, ObjectMapper json, String cluster, Clock clock) {
    this.client = client;
    this.json = json;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** What a call did, for the HTTP answer and the logs. */
  public record Outcome(String event, List<String> workflowIds, List<String> notes) {}

  /** @throws IllegalArgumentException for a body that cannot be understood (HTTP 400) */
  public Outcome route(HookEventType type, String body) {
    try {
      return switch (type) {
        case RESUME -> resume(json.readValue(body, ResumeHookEvent.class));
        case EPILOG -> epilog(json.readValue(body, EpilogHookEvent.class));
        case SUSPEND -> release(json.readValue(body, NodeHookEvent.class), "suspend");
        case RESUME_FAIL -> release(json.readValue(body, NodeHookEvent.class), "resume-fail");
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed " + type.path() + " event: " + e.getOriginalMessage(), e);
    }
  }

  Outcome resume(ResumeHookEvent event) {
    checkCluster(event.cluster());
    List<String> ids = new ArrayList<>();
    List<String> notes = Collections.synchronizedList(new ArrayList<>());
    Set<String> jobNodes = new LinkedHashSet<>();
    if (event.resumeFile() == null || event.resumeFile().jobs() == null) {
      notes.add("no SLURM_RESUME_FILE: nodes " + event.hostlist() + " cannot be matched to jobs");
    } else {
      List<CompletableFuture<String>> signals = new ArrayList<>();
      for (ResumeHookEvent.ResumeJob job : event.resumeFile().jobs()) {
        List<String> nodes = Hostlist.expand(job.nodes());
        jobNodes.addAll(nodes);
        JobKey key = new JobKey(cluster, job.jobId());
        signals.add(CompletableFuture.supplyAsync(
            () -> signalLifecycle(key, wf -> wf.nodesResumed(new NodesResumed(nodes)), notes), signalPool));
      }
      ids.addAll(joinAll(signals));
    }
    List<String> withoutJob =
        Hostlist.expand(event.hostlist()).stream().filter(n -> !jobNodes.contains(n)).toList();
    if (!withoutJob.isEmpty() && event.resumeFile() == null) {
      // without the resume file a job's node cannot be told from one powered up by hand
      notes.add("nodes not launched: " + Hostlist.compress(withoutJob));
    } else if (!withoutJob.isEmpty()) {
      notes.add("nodes powered up without a job: " + Hostlist.compress(withoutJob));
      Instant requestedAt = requestedAt(event.requestedAt());
      withoutJob.forEach(node -> ids.add(startPowerUp(node, requestedAt, notes)));
    }
    notes.forEach(n -> log.warn("resume {}: {}", event.hostlist(), n));
    return new Outcome("resume", ids, notes);
  }

  /**
   * Every signal's workflow id, in order, once all have been tried; the first failure is rethrown
   * so the hook spools the call (signals that did go through are harmless to repeat).
   */
  private static List<String> joinAll(List<CompletableFuture<String>> signals) {
    List<String> ids = new ArrayList<>();
    RuntimeException first = null;
    for (CompletableFuture<String> signal : signals) {
      try {
        ids.add(signal.join());
      } catch (CompletionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException re ? re : e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return ids;
  }

  @PreDestroy
  void stop() {
    signalPool.shutdown();
  }

  Outcome epilog(EpilogHookEvent event) {
    checkCluster(event.cluster());
    JobKey key = new JobKey(cluster, event.jobId());
    JobEnded ended =
        new JobEnded(event.user(), nullIfNull(event.account()), event.partition(), event.nodeList(),
            event.exitCode(), event.jobName());
    List<String> notes = new ArrayList<>();
    String id = signalLifecycle(key, wf -> wf.jobEnded(ended), notes);
    return new Outcome("epilog", List.of(id), notes);
  }

  Outcome release(NodeHookEvent event, String reason) {
    checkCluster(event.cluster());
    List<String> nodes = Hostlist.expand(event.hostlist());
    Instant requestedAt = requestedAt(event.requestedAt());
    String id = releaseWorkflowId(nodes, requestedAt);
    NodeReleaseWorkflow wf =
        client.newWorkflowStub(
            NodeReleaseWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.CORE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
    List<String> notes = new ArrayList<>();
    try {
      WorkflowClient.start(wf::release, new NodeReleaseRequest(cluster, nodes, reason, requestedAt));
    } catch (WorkflowExecutionAlreadyStarted e) {
      notes.add("duplicate: " + id + " already ran");
    }
    return new Outcome(reason, List.of(id), notes);
  }

  /**
   * A node powered up by hand ({@code scontrol update state=power_up}) is launched by a workflow
   * of its own, one per node and hook call so that a repeated delivery of the call runs once.
   */
  private String startPowerUp(String node, Instant requestedAt, List<String> notes) {
    String id = ManualPowerUpWorkflow.workflowId(cluster, node, requestedAt.getEpochSecond());
    ManualPowerUpWorkflow wf =
        client.newWorkflowStub(
            ManualPowerUpWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.CORE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
    try {
      WorkflowClient.start(wf::powerUp, new PowerUpRequest(cluster, node));
    } catch (WorkflowExecutionAlreadyStarted e) {
      notes.add("duplicate: " + id + " already started");
    }
    return id;
  }

  /** Signal-with-start: starts the job's lifecycle if needed, then delivers the signal. */
  private String signalLifecycle(JobKey key, Consumer<JobLifecycleWorkflow> signal, List<String> notes) {
    JobLifecycleWorkflow wf =
        client.newWorkflowStub(
            JobLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(key.lifecycleWorkflowId())
                .setTaskQueue(TaskQueues.CORE)
                // a completed lifecycle is never run again for the same job; a failed one may be
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, key);
    request.add(() -> signal.accept(wf));
    try {
      client.signalWithStart(request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      notes.add("duplicate: " + key.lifecycleWorkflowId() + " has already completed");
    }
    return key.lifecycleWorkflowId();
  }

  /**
   * One release per hook call: a spool replay or a retried POST carries the call's own
   * {@code requested_at}, so it lands on the same id, while the next power-down of the same
   * nodes — even seconds later, after a quick power-up — is a release of its own.
   */
  String releaseWorkflowId(List<String> nodes, Instant requestedAt) {
    return "release-" + cluster + "-" + sha256(Hostlist.compress(nodes)).substring(0, 12) + "-"
        + requestedAt.getEpochSecond();
  }

  /** When Slurm called the hook; hooks older than {@code requested_at} get the arrival time. */
  private Instant requestedAt(Long epochSeconds) {
    return epochSeconds == null ? clock.instant() : Instant.ofEpochSecond(epochSeconds);
  }

  private void checkCluster(String eventCluster) {
    if (eventCluster != null && !eventCluster.isBlank() && !eventCluster.equals(cluster)) {
      throw new IllegalArgumentException(
          "event for cluster '" + eventCluster + "' sent to the service of cluster '" + cluster + "'");
    }
  }

  private static String nullIfNull(String slurmValue) {
    return slurmValue == null || "(null)".equals(slurmValue) ? null : slurmValue;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
