package org.burstflow.worker.spot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an EC2 event into a {@code spotInterrupted} signal to the lifecycle of the job the
 * instance serves. {@link Outcome#DELIVERED} and {@link Outcome#IGNORED} may be acknowledged;
 * anything that went wrong on the way is thrown, so the notice stays to be tried again.
 */
public class SpotNoticeRouter {

  private static final Logger log = LoggerFactory.getLogger(SpotNoticeRouter.class);

  public enum Outcome { DELIVERED, IGNORED }

  private final WorkflowClient client;
  private final InstanceOwners owners;
  private final ObjectMapper json;

  SpotNoticeRouter(WorkflowClient client, InstanceOwners owners, ObjectMapper json) {
    this.client = client;
    this.owners = owners;
    this.json = json;
  }

  /** @param source {@code sqs} or {@code imds}, for the job's history */
  public Outcome route(String body, String source) {
    Optional<SpotNotice> parsed;
    try {
      parsed = SpotNotice.parse(json, body);
    } catch (IllegalArgumentException e) {
      // it will never be understood: keeping it would only loop
      log.warn("spot notice from {} not understood, dropped: {}", source, e.getMessage());
      return Outcome.IGNORED;
    }
    if (parsed.isEmpty()) {
      return Outcome.IGNORED;
    }
    SpotNotice notice = parsed.get();
    Optional<JobKey> job = owners.jobOf(notice.instanceId());
    if (job.isEmpty()) {
      log.info("{} for {} ignored: not an instance burstflow runs for this cluster", notice.kind(), notice.instanceId());
      return Outcome.IGNORED;
    }
    JobLifecycleWorkflow lifecycle =
        client.newWorkflowStub(JobLifecycleWorkflow.class, job.get().lifecycleWorkflowId());
    try {
      lifecycle.spotInterrupted(notice.toSignal(source));
    } catch (WorkflowNotFoundException e) {
      log.info("{} for {} ignored: job {} has no running lifecycle", notice.kind(), notice.instanceId(), job.get());
      return Outcome.IGNORED;
    }
    log.warn("{} for {} (event {}) delivered to {}", notice.kind(), notice.instanceId(), notice.eventId(),
        job.get().lifecycleWorkflowId());
    return Outcome.DELIVERED;
  }
}
