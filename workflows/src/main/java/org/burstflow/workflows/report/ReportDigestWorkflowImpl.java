package org.burstflow.workflows.report;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.burstflow.contracts.report.DigestPlan;
import org.burstflow.contracts.report.DigestRequest;
import org.burstflow.contracts.report.DigestResult;
import org.burstflow.contracts.report.DigestState;
import org.burstflow.contracts.report.DigestStatus;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.burstflow.contracts.report.ReportDigestWorkflow;
import org.burstflow.workflows.common.ActivityFailures;
import org.slf4j.Logger;

/**
 * A user's report e-mails. The first report opens a window (the user's preference: minutes for
 * per-job delivery, so an array's tasks arrive as one e-mail; a day; a week); every report that
 * arrives before it closes joins the same e-mail. The next window never closes sooner than the
 * minimum interval after the previous e-mail, so a stream of short jobs cannot flood an inbox.
 * With nothing pending after an e-mail and its throttle interval, the workflow ends; the next
 * report starts a new run under the same id.
 */
public class ReportDigestWorkflowImpl implements ReportDigestWorkflow {

  private static final Logger log = Workflow.getLogger(ReportDigestWorkflowImpl.class);
  /** Keeps the history short for users who never pause. */
  static final int EMAILS_PER_RUN = 50;

  private final ReportDeliveryActivities delivery =
      Workflow.newActivityStub(ReportDeliveryActivities.class, ReportDeliveryOptions.CORE);
  private final ReportDeliveryActivities mail =
      Workflow.newActivityStub(ReportDeliveryActivities.class, ReportDeliveryOptions.MAIL);

  private final Set<Long> pending = new LinkedHashSet<>();
  private int emailsSent;
  private String detail = "waiting for reports";

  @Override
  public void run(DigestState state) {
    pending.addAll(state.pendingJobIds());
    long lastSent = state.lastSentAtMillis();
    while (true) {
      Workflow.await(() -> !pending.isEmpty());
      DigestPlan plan = delivery.digestPlan(state.cluster(), state.user());
      long now = Workflow.currentTimeMillis();
      long due = Math.max(now + plan.window().toMillis(),
          lastSent == 0 ? 0 : lastSent + plan.minInterval().toMillis());
      detail = pending.size() + " report(s) waiting, " + plan.mode() + " delivery";
      log.info("{} {}: {}, e-mail in {} s", state.cluster(), state.user(), detail, Math.max(0, due - now) / 1000);
      if (due > now) {
        Workflow.sleep(Duration.ofMillis(due - now));
      }
      List<Long> batch = new ArrayList<>(pending);
      pending.clear();
      send(new DigestRequest(state.cluster(), state.user(), batch));
      lastSent = Workflow.currentTimeMillis();
      emailsSent++;
      if (emailsSent >= EMAILS_PER_RUN) {
        Workflow.continueAsNew(new DigestState(state.cluster(), state.user(), new ArrayList<>(pending), lastSent));
      }
      // Reports arriving within the throttle interval wait for the next window; none: done.
      if (!plan.minInterval().isZero()) {
        Workflow.await(plan.minInterval(), () -> !pending.isEmpty());
      }
      if (pending.isEmpty()) {
        return;
      }
    }
  }

  private void send(DigestRequest request) {
    try {
      DigestResult result = mail.sendDigest(request);
      detail = result.detail();
    } catch (ActivityFailure e) {
      // the reports stay in the portal; operators see the failure here, in the log and in job_report
      detail = "e-mail of " + request.jobIds().size() + " report(s) failed: " + ActivityFailures.messageOf(e);
      log.error("{} {}: {}", request.cluster(), request.user(), detail);
      delivery.recordDeliveryFailure(request, ActivityFailures.messageOf(e));
    }
  }

  @Override
  public void reportReady(long jobId) {
    pending.add(jobId);
  }

  @Override
  public DigestStatus status() {
    return new DigestStatus(pending.size(), emailsSent, detail);
  }
}
