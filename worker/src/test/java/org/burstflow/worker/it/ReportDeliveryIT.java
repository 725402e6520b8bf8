package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.burstflow.activities.report.CauseLessons;
import org.burstflow.activities.report.DeliveryPolicy;
import org.burstflow.activities.report.DigestComposer;
import org.burstflow.activities.report.DigestEntries;
import org.burstflow.activities.report.DigestQueue;
import org.burstflow.activities.report.OptOutTokens;
import org.burstflow.activities.report.PreferenceLinks;
import org.burstflow.activities.report.ReportActivitiesImpl;
import org.burstflow.activities.report.ReportCharts;
import org.burstflow.activities.report.ReportDeliveryActivitiesImpl;
import org.burstflow.activities.report.ReportMailer;
import org.burstflow.activities.report.ReportPreferences;
import org.burstflow.activities.report.ReportRenderer;
import org.burstflow.activities.report.ReportStore;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.report.DeliveryMode;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.DigestRequest;
import org.burstflow.contracts.report.DigestResult;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.worker.preferences.PreferencesController;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report delivery against MariaDB (the product's migrations) and a real SMTP server (GreenMail):
 * one e-mail per job with its charts, no second e-mail on a retry, a 20-task array as one
 * digest, the opt-out link stopping the next e-mail, and a failed send recorded for operators.
 */
class ReportDeliveryIT {

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path spool;

  private final OptOutTokens tokens = new OptOutTokens("report-delivery-it-secret");
  private final PreferenceLinks links = new PreferenceLinks("http://burstflow.test", tokens);
  private final List<Long> queued = new ArrayList<>();
  private final DigestQueue queue = (cluster, user, jobId) -> {
    queued.add(jobId);
    return "report-digest-" + cluster + "-" + user;
  };
  private DataSource db;
  private ReportStore store;
  private ReportPreferences preferences;
  private ReportActivitiesImpl reports;
  private String cluster;
  private String user;

  /**
   * The dev stack's database, or the one named by {@code -Dburstflow.it.db-url} (a scratch
   * database migrated here, for a stack whose schema another branch has moved ahead).
   */
  private static synchronized DataSource database() {
    String url = System.getProperty("burstflow.it.db-url");
    if (url == null) {
      return LedgerDatabase.migrated();
    }
    if (scratch == null) {
      com.mysql.cj.jdbc.MysqlDataSource ds = new com.mysql.cj.jdbc.MysqlDataSource();
      ds.setURL(url);
      ds.setUser("burstflow");
      ds.setPassword("burstflow");
      org.flywaydb.core.Flyway.configure().dataSource(ds).load().migrate();
      scratch = ds;
    }
    return scratch;
  }

  private static DataSource scratch;

  private long count(String sql, Object... args) throws java.sql.SQLException {
    try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @BeforeEach
  void setUp() {
    db = database();
    store = new ReportStore(db);
    preferences = new ReportPreferences(db, DeliveryMode.PER_JOB);
    cluster = LedgerDatabase.uniqueName("rd");
    user = LedgerDatabase.uniqueName("u");
    reports = new ReportActivitiesImpl(new ReportRenderer(), new ReportCharts(spool), store,
        mailer(greenMail.getSmtp().getPort()), "example.org");
  }

  private ReportMailer mailer(int port) {
    return new ReportMailer("127.0.0.1", port, "burstflow@example.org", links);
  }

  private ReportDeliveryActivitiesImpl delivery(ReportMailer mailer, Set<String> jobClasses) {
    return new ReportDeliveryActivitiesImpl(store, preferences,
        new DeliveryPolicy(Set.of(), jobClasses, Duration.ofMinutes(2), Duration.ofMinutes(15)),
        queue, new DigestEntries(db), new DigestComposer(CauseLessons.defaults(), links), mailer);
  }

  private JobKey stored(long jobId) {
    Instant start = Instant.parse("2026-11-23T04:30:00Z");
    JobAccounting a = new JobAccounting(jobId, "task-" + jobId, user, "chem-lab", "cloud", "COMPLETED", "0:0",
        start, start.plusSeconds(1800), Duration.ofMinutes(30), Duration.ofHours(1), 1, 4, "burst-1",
        Duration.ofMinutes(90), 4L << 30, 1L << 30, 0.75, 0.25);
    JobKey job = new JobKey(cluster, jobId);
    reports.renderAndStore(new ReportInput(job, a, null, null, null));
    return job;
  }

  private String status(JobKey job) throws java.sql.SQLException {
    return count("SELECT COUNT(*) FROM job_report WHERE cluster = ? AND job_id = ? AND delivery_status = 'SENT'",
        job.cluster(), job.jobId()) == 1 ? "SENT" : statusText(job);
  }

  private String statusText(JobKey job) throws java.sql.SQLException {
    for (String s : List.of("QUEUED", "SKIPPED", "FAILED")) {
      if (count("SELECT COUNT(*) FROM job_report WHERE cluster = ? AND job_id = ? AND delivery_status = ?",
          job.cluster(), job.jobId(), s) == 1) {
        return s;
      }
    }
    return null;
  }

  @Test
  void oneReportIsOneEmailWithItsChartsAndARetryDoesNotSendItAgain() throws Exception {
    ReportDeliveryActivitiesImpl delivery = delivery(mailer(greenMail.getSmtp().getPort()), Set.of("cpu", "gpu"));
    JobKey job = stored(1);
    assertEquals(2, store.charts(job).size(), "CPU and memory charts are stored with the report");

    DeliveryRouting routing = delivery.queueForDelivery(job);
    assertTrue(routing.queued(), routing.detail());
    assertEquals(List.of(1L), queued);
    assertEquals("QUEUED", status(job));

    DigestResult first = delivery.sendDigest(new DigestRequest(cluster, user, List.of(1L)));
    DigestResult retry = delivery.sendDigest(new DigestRequest(cluster, user, List.of(1L)));

    assertEquals(1, first.reportsSent());
    assertEquals(0, retry.reportsSent());
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length, "a retry after the send never sends twice");
    assertEquals(user + "@example.org", received[0].getAllRecipients()[0].toString());
    MimeMultipart alternative = (MimeMultipart) received[0].getContent();
    assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
    MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
    assertEquals(3, related.getCount(), "HTML and two inline charts");
    assertEquals("<cpu>", ((jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1)).getContentID());
    assertEquals("SENT", status(job));
    // and routing a sent report again (a retried lifecycle step) does not queue it
    assertFalse(delivery.queueForDelivery(job).queued());
  }

  @Test
  void twentyArrayTasksAreOneDigestEmail() throws Exception {
    ReportDeliveryActivitiesImpl delivery = delivery(mailer(greenMail.getSmtp().getPort()), Set.of("cpu", "gpu"));
    List<Long> tasks = LongStream.rangeClosed(100, 119).boxed().toList();
    for (long id : tasks) {
      assertTrue(delivery.queueForDelivery(stored(id)).queued());
    }

    DigestResult result = delivery.sendDigest(new DigestRequest(cluster, user, tasks));

    assertEquals(20, result.reportsSent());
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length);
    assertEquals("[burstflow] 20 job reports on " + cluster + ": 20 not analysed", received[0].getSubject());
    String text = (String) ((MimeMultipart) received[0].getContent()).getBodyPart(0).getContent();
    for (long id : tasks) {
      assertTrue(text.contains("| " + id + " | task-" + id + " | COMPLETED |"), text);
    }
    assertEquals(20, count(
        "SELECT COUNT(*) FROM job_report WHERE cluster = ? AND delivery_status = 'SENT' AND message_id = ?",
        cluster, received[0].getMessageID()));
  }

  @Test
  void anArrayOf20ThroughTheDigestWorkflowIsOneEmail() throws Exception {
    try (io.temporal.testing.TestWorkflowEnvironment env = io.temporal.testing.TestWorkflowEnvironment.newInstance()) {
      io.temporal.worker.Worker core = env.newWorker(org.burstflow.contracts.TaskQueues.CORE);
      core.registerWorkflowImplementationTypes(org.burstflow.workflows.report.ReportDigestWorkflowImpl.class);
      ReportDeliveryActivitiesImpl delivery = new ReportDeliveryActivitiesImpl(store, preferences,
          new DeliveryPolicy(Set.of(), Set.of("cpu", "gpu"), Duration.ofMinutes(2), Duration.ofMinutes(15)),
          new org.burstflow.activities.report.TemporalDigestQueue(env.getWorkflowClient()), new DigestEntries(db),
          new DigestComposer(CauseLessons.defaults(), links), mailer(greenMail.getSmtp().getPort()));
      core.registerActivitiesImplementations(delivery);
      env.start();
      List<Long> tasks = LongStream.rangeClosed(200, 219).boxed().toList();
      for (long id : tasks) {
        DeliveryRouting routing = delivery.queueForDelivery(stored(id));
        assertEquals("report-digest-" + cluster + "-" + user, routing.digestWorkflowId());
      }

      io.temporal.client.WorkflowStub.fromTyped(env.getWorkflowClient().newWorkflowStub(
          org.burstflow.contracts.report.ReportDigestWorkflow.class, routing(cluster, user))).getResult(Void.class);

      MimeMessage[] received = greenMail.getReceivedMessages();
      assertEquals(1, received.length, "20 array tasks, one e-mail");
      assertTrue(received[0].getSubject().startsWith("[burstflow] 20 job reports on " + cluster), received[0].getSubject());
      for (long id : tasks) {
        assertEquals("SENT", status(new JobKey(cluster, id)));
      }
    }
  }

  private static String routing(String cluster, String user) {
    return org.burstflow.contracts.report.ReportDigestWorkflow.workflowId(cluster, user);
  }

  @Test
  void theOptOutLinkStopsTheNextEmailEvenOneAlreadyQueued() throws Exception {
    ReportDeliveryActivitiesImpl delivery = delivery(mailer(greenMail.getSmtp().getPort()), Set.of("cpu", "gpu"));
    JobKey first = stored(1);
    JobKey second = stored(2);
    delivery.queueForDelivery(first);
    delivery.queueForDelivery(second);
    delivery.sendDigest(new DigestRequest(cluster, user, List.of(1L)));
    String header = greenMail.getReceivedMessages()[0].getHeader("List-Unsubscribe", null);
    String token = URLDecoder.decode(header.substring(header.indexOf("token=") + 6, header.length() - 1), StandardCharsets.UTF_8);

    var page = new PreferencesController(preferences, tokens, "X-Remote-User").optOut(token);

    assertEquals(200, page.getStatusCode().value());
    assertEquals(DeliveryMode.OFF, preferences.modeOf(user));
    DigestResult result = delivery.sendDigest(new DigestRequest(cluster, user, List.of(2L)));
    assertEquals(0, result.reportsSent());
    assertEquals(1, greenMail.getReceivedMessages().length, "no e-mail after the opt-out");
    assertEquals("SKIPPED", status(second));
    JobKey third = stored(3);
    assertFalse(delivery.queueForDelivery(third).queued());
    assertEquals("SKIPPED", status(third));
    assertNotNull(store.find(third).orElseThrow().html(), "the report stays stored for the portal");
  }

  @Test
  void reportsOfJobClassesNotConfiguredStayInThePortalOnly() throws Exception {
    ReportDeliveryActivitiesImpl delivery = delivery(mailer(greenMail.getSmtp().getPort()), Set.of("gpu"));
    JobKey job = stored(5);
    DeliveryRouting routing = delivery.queueForDelivery(job);
    assertFalse(routing.queued());
    assertTrue(routing.detail().contains("reports of cpu jobs are not e-mailed"), routing.detail());
    assertTrue(queued.isEmpty());
    assertEquals("SKIPPED", status(job));
  }

  @Test
  void aSendThatFailsIsRetryableAndWhenGivenUpRecordedForOperators() throws Exception {
    // nothing listens on port 9: the SMTP connection is refused
    ReportDeliveryActivitiesImpl down = delivery(mailer(9), Set.of("cpu", "gpu"));
    JobKey job = stored(7);
    down.queueForDelivery(job);
    DigestRequest request = new DigestRequest(cluster, user, List.of(7L));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> down.sendDigest(request));
    assertTrue(e.getMessage().startsWith("SMTP delivery to " + user + "@example.org failed"), e.getMessage());
    down.recordDeliveryFailure(request, e.getMessage());

    assertEquals("FAILED", status(job));
    assertEquals(1, count("SELECT COUNT(*) FROM job_report WHERE cluster = ? AND job_id = 7 "
        + "AND delivery_failed_at IS NOT NULL AND sent_at IS NULL AND delivery_detail LIKE 'e-mail failed: SMTP%'", cluster));
  }
}
