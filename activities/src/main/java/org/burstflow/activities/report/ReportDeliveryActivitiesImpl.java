package org.burstflow.activities.report;

import io.temporal.failure.ApplicationFailure;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.report.DeliveryMode;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.DigestPlan;
import org.burstflow.contracts.report.DigestRequest;
import org.burstflow.contracts.report.DigestResult;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activity adapter for report delivery: routing by partition, job class and preference; one
 * e-mail per digest; failure records. Idempotent per job: what {@code job_report.sent_at} marks
 * as sent is never sent again.
 */
public class ReportDeliveryActivitiesImpl implements ReportDeliveryActivities {

  private static final Logger log = LoggerFactory.getLogger(ReportDeliveryActivitiesImpl.class);

  private final ReportStore store;
  private final ReportPreferences preferences;
  private final DeliveryPolicy policy;
  private final DigestQueue queue;
  private final DigestEntries entries;
  private final DigestComposer composer;
  private final ReportMailer mailer;

  public ReportDeliveryActivitiesImpl(ReportStore store, ReportPreferences preferences, DeliveryPolicy policy,
      DigestQueue queue, DigestEntries entries, DigestComposer composer, ReportMailer mailer) {
    this.store = store;
    this.preferences = preferences;
    this.policy = policy;
    this.queue = queue;
    this.entries = entries;
    this.composer = composer;
    this.mailer = mailer;
  }

  @Override
  public DeliveryRouting queueForDelivery(JobKey job) {
    ReportStore.Stored stored = stored(job);
    if (stored.sentAt() != null) {
      return new DeliveryRouting(false, null, "report already e-mailed (" + stored.messageId() + ")");
    }
    String why = policy.whyNotEmailed(stored.partition(), stored.gpuJob());
    if (why == null && preferences.modeOf(stored.user()) == DeliveryMode.OFF) {
      why = stored.user() + " has turned report e-mails off";
    }
    if (why != null) {
      store.markDelivery(job, "SKIPPED", why);
      log.info("report of {} stored, not e-mailed: {}", job, why);
      return new DeliveryRouting(false, null, "report stored, not e-mailed: " + why);
    }
    String digest = queue.enqueue(job.cluster(), stored.user(), job.jobId());
    store.markDelivery(job, "QUEUED", "handed to " + digest);
    log.info("report of {} handed to {}", job, digest);
    return new DeliveryRouting(true, digest, "report queued for e-mail by " + digest);
  }

  @Override
  public DigestPlan digestPlan(String cluster, String user) {
    return policy.plan(preferences.modeOf(user));
  }

  @Override
  public DigestResult sendDigest(DigestRequest request) {
    List<ReportStore.Stored> unsent = new ArrayList<>();
    int skipped = 0;
    for (long jobId : request.jobIds()) {
      var stored = store.find(new JobKey(request.cluster(), jobId));
      if (stored.isPresent() && stored.get().sentAt() == null) {
        unsent.add(stored.get());
      } else {
        skipped++;
      }
    }
    if (unsent.isEmpty()) {
      return new DigestResult(null, null, 0, skipped, "nothing left to send: " + skipped + " report(s) already sent");
    }
    String recipient = unsent.get(0).recipient();
    if (preferences.modeOf(request.user()) == DeliveryMode.OFF) {
      // opted out after these were queued: the opt-out stops this e-mail too
      unsent.forEach(s -> store.markDelivery(s.job(), "SKIPPED", request.user() + " has turned report e-mails off"));
      return new DigestResult(recipient, null, 0, skipped + unsent.size(),
          unsent.size() + " report(s) not e-mailed: " + request.user() + " has turned report e-mails off");
    }
    try {
      String messageId = unsent.size() == 1 ? sendOne(unsent.get(0)) : sendDigest(request, unsent);
      unsent.forEach(s -> store.markSent(s.job(), messageId));
      log.info("{} report(s) of {} on {} e-mailed to {} as {}", unsent.size(), request.user(), request.cluster(),
          recipient, messageId);
      return new DigestResult(recipient, messageId, unsent.size(), skipped,
          unsent.size() + " report(s) e-mailed to " + recipient);
    } catch (MessagingException e) {
      // Retryable: the SMTP server may be down for a while.
      throw new IllegalStateException("SMTP delivery to " + recipient + " failed: " + e.getMessage(), e);
    }
  }

  private String sendOne(ReportStore.Stored s) throws MessagingException {
    return mailer.send(new ReportMailer.Outgoing(mailer.messageIdOf(s.job()), s.recipient(), s.user(),
        s.subject(), s.text(), s.html(), store.charts(s.job()), s.job().toString()));
  }

  private String sendDigest(DigestRequest request, List<ReportStore.Stored> unsent) throws MessagingException {
    List<Long> ids = unsent.stream().map(s -> s.job().jobId()).toList();
    DigestComposer.Composed mail = composer.compose(request.cluster(), entries.read(request.cluster(), ids));
    // derived from the reports it carries: a resend after a crash has the same id
    String messageId = "<report-digest." + request.cluster() + "." + request.user() + "." + ids.get(0) + "-"
        + ids.get(ids.size() - 1) + "." + ids.size() + "@" + mailer.senderDomain() + ">";
    return mailer.send(new ReportMailer.Outgoing(messageId, unsent.get(0).recipient(), request.user(),
        mail.subject(), mail.text(), mail.html(), List.of(), null));
  }

  @Override
  public void recordDeliveryFailure(DigestRequest request, String error) {
    log.error("report e-mail of {} on {} failed for good, jobs {}: {}", request.user(), request.cluster(),
        request.jobIds(), error);
    request.jobIds().forEach(id -> store.markFailed(new JobKey(request.cluster(), id), "e-mail failed: " + error));
  }

  private ReportStore.Stored stored(JobKey job) {
    return store.find(job).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "no stored report for job " + job, FailureTypes.BAD_INPUT));
  }
}
