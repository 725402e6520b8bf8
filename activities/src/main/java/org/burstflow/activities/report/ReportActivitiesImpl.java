package org.burstflow.activities.report;

import io.temporal.failure.ApplicationFailure;
import jakarta.mail.MessagingException;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.report.DeliveryResult;
import org.burstflow.contracts.report.ReportActivities;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.report.StoredReport;

/** Activity adapter: render and store a report, then e-mail it once. */
public class ReportActivitiesImpl implements ReportActivities {

  private final ReportRenderer renderer;
  private final ReportStore store;
  private final ReportMailer mailer;
  private final ReportCharts charts;
  private final String mailDomain;

  /** @param mailDomain a job's user {@code u} is mailed at {@code u@mailDomain} */
  public ReportActivitiesImpl(ReportRenderer renderer, ReportCharts charts, ReportStore store,
      ReportMailer mailer, String mailDomain) {
    this.renderer = renderer;
    this.charts = charts;
    this.store = store;
    this.mailer = mailer;
    this.mailDomain = mailDomain;
  }

  @Override
  public StoredReport renderAndStore(ReportInput input) {
    String user = input.accounting().user();
    if (user == null || user.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sacct has no user for job " + input.job(), FailureTypes.BAD_INPUT);
    }
    RenderedReport report = renderer.render(input, charts.draw(input));
    String recipient = user + "@" + mailDomain;
    var accounting = input.accounting();
    var analysis = input.analysis();
    store.save(input.job(), new ReportStore.Owner(user, accounting.account(), accounting.partition()),
        new ReportStore.Listing(accounting.jobName(), accounting.state(), analysis != null && analysis.gpu() != null,
            analysis == null ? null : analysis.efficiencyClass().name()),
        recipient, report);
    store.saveCharts(input.job(), report.charts());
    return new StoredReport(input.job(), recipient, report.subject());
  }

  @Override
  public DeliveryResult emailReport(JobKey job) {
    ReportStore.Stored stored =
        store.find(job).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "no stored report for job " + job, FailureTypes.BAD_INPUT));
    if (stored.sentAt() != null) {
      return new DeliveryResult(stored.recipient(), stored.messageId(), true);
    }
    try {
      String messageId = mailer.send(new ReportMailer.Outgoing(mailer.messageIdOf(job), stored.recipient(),
          stored.user(), stored.subject(), stored.text(), stored.html(), store.charts(job), job.toString()));
      store.markSent(job, messageId);
      return new DeliveryResult(stored.recipient(), messageId, false);
    } catch (MessagingException e) {
      // Retryable: the SMTP server may be down for a while.
      throw new IllegalStateException("SMTP delivery to " + stored.recipient() + " failed: " + e.getMessage(), e);
    }
  }
}
