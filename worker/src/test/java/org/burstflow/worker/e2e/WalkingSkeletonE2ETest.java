package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.burstflow.activities.report.ReportFormat;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The walking skeleton through real components: sbatch on the dev Slurm → resume hook →
 * lifecycle workflow on the Temporal test server → moto instances → the job runs on them →
 * epilog hook → sacct → ledger in MariaDB → e-mail (received here by GreenMail).
 *
 * <p>Needs the dev stack without its worker ({@code dev/up --infra}); the worker runs in this
 * JVM so the test can stop and restart it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonE2ETest {

  private static final int SMTP_PORT = 3026;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final Map<String, String> hooks = DevStack.readEnvFile(DevStack.HOOKS_CONF);
  private static final HttpClient http = HttpClient.newHttpClient();
  private static Ec2Client ec2;
  private static ConfigurableApplicationContext worker;

  @BeforeAll
  static void startWorker() {
    ec2 = DevStack.ec2Client();
    worker = InProcessWorker.start(SMTP_PORT);
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  @Order(1)
  void twoNodeCloudJobRunsOnLaunchedInstancesAndIsReportedOnce() throws Exception {
    DevStack.awaitCloudNodesPoweredDown();
    long submitted = System.nanoTime();
    long jobId = DevStack.submit("-p", "cloud", "-N", "2", "--mem=500M", "--wrap",
        "srun timeout 4 sh -c 'while :; do :; done'; srun sleep 2");

    String nodes = DevStack.await("job " + jobId + " running", JOB_TIMEOUT, () -> DevStack.runningNodes(jobId));
    // Slurm or a confused operator calls resume again: nothing new is launched.
    post("resume", InProcessWorker.resumeBody(jobId, nodes));
    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to end", JOB_TIMEOUT, () -> DevStack.finalState(jobId)));

    MimeMessage email = DevStack.await("the report e-mail", Duration.ofMinutes(2), () -> reportFor(jobId));
    System.out.printf("figure: sbatch to report e-mail for job %d took %.1f s%n",
        jobId, (System.nanoTime() - submitted) / 1e9);
    // duplicate epilog after the lifecycle completed: still one e-mail
    post("epilog", epilogBody(jobId, "cloud", nodes));

    Map<String, String> acct = sacctAllocation(jobId);
    String text = plainPart(email);
    assertEquals("root@example.org", email.getAllRecipients()[0].toString());
    assertTrue(text.contains("Job " + jobId), text);
    assertTrue(text.contains("COMPLETED"), text);
    assertTrue(text.contains("| Elapsed | " + ReportFormat.duration(sacctDuration(acct.get("Elapsed")))), text);
    assertTrue(text.contains("| CPU efficiency | " + ReportFormat.percent(cpuEfficiency(jobId, acct)) + " |"), text);
    assertTrue(text.contains(ReportFormat.bytes(peakRssBytes(jobId))), text);

    List<Instance> instances = instancesOfJob(jobId);
    assertEquals(2, instances.size(), "one instance per node, even after a duplicate resume");
    for (Instance i : instances) {
      Map<String, String> tags = i.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
      assertEquals("burstflow", tags.get("ManagedBy"));
      assertEquals("dev", tags.get("Cluster"));
      assertEquals(Long.toString(jobId), tags.get("JobID"));
      assertEquals("job-dev-" + jobId, tags.get("WorkflowId"));
      assertEquals("cloud", tags.get("Partition"));
      assertTrue(tags.get("SlurmNode").startsWith("burst-"), tags.toString());
      assertEquals(tags.get("SlurmNode"), tags.get("Name"));
    }
    // the ledger: hold released in full, charge = Σ (job end − launch) × price
    Map<String, BigDecimal> ledger = ledgerOf(jobId);
    assertEquals(0, ledger.get("HOLD").compareTo(ledger.get("RELEASE")), ledger.toString());
    Instant end = sacctTime(acct.get("End"));
    BigDecimal expected = instances.stream()
        .map(i -> new BigDecimal("0.085").multiply(BigDecimal.valueOf(Duration.between(i.launchTime(), end).toSeconds())))
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP);
    assertEquals(0, expected.compareTo(ledger.get("CHARGE")), ledger + " expected charge " + expected);
    assertTrue(text.contains(ReportFormat.money(ledger.get("CHARGE"))), text);

    // suspend terminates the instances once Slurm powers the idle nodes down
    DevStack.await("instances terminated after suspend", Duration.ofMinutes(3),
        () -> instancesOfJob(jobId).stream().allMatch(i -> "terminated".equals(i.state().nameAsString())) ? true : null);
    DevStack.sleep(Duration.ofSeconds(3));
    assertEquals(1, reportsFor(jobId).size(), "exactly one e-mail for the job");
  }

  @Test
  @Order(2)
  void epilogSpooledWhileTheWorkerIsDownIsDeliveredAfterRestart() throws Exception {
    worker.close();
    worker = null;
    long jobId = DevStack.submit("-p", "local", "--wrap", "sleep 1");
    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to end", JOB_TIMEOUT, () -> DevStack.finalState(jobId)));
    Path spooled = DevStack.await("the spooled epilog", Duration.ofSeconds(30), () -> spooledEpilog(jobId));
    assertTrue(reportsFor(jobId).isEmpty());

    worker = InProcessWorker.start(SMTP_PORT);
    MimeMessage email = DevStack.await("the report e-mail after restart", Duration.ofMinutes(2), () -> reportFor(jobId));
    assertTrue(plainPart(email).contains("Job " + jobId));
    assertFalse(Files.exists(spooled), "the spool file is removed once delivered");
  }

  // --- Slurm -------------------------------------------------------------------------------

  private static Map<String, String> sacctAllocation(long jobId) {
    String[] lines = DevStack.run("sacct", "-X", "-P", "-j", Long.toString(jobId),
        "-o", "Elapsed,AllocCPUS,TotalCPU,End").strip().split("\n");
    String[] header = lines[0].split("\\|", -1);
    String[] values = lines[1].split("\\|", -1);
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      row.put(header[i], values[i]);
    }
    return row;
  }

  /**
   * Computed here from sacct's raw fields, independently of the product's parser: the steps'
   * TotalCPU summed (with -X sacct prints 0 for the allocation), over Elapsed × AllocCPUS.
   */
  private static Double cpuEfficiency(long jobId, Map<String, String> acct) {
    double elapsed = sacctDuration(acct.get("Elapsed")).toMillis();
    double total = Arrays.stream(DevStack.run("sacct", "-n", "-P", "-j", Long.toString(jobId),
            "-o", "JobID,TotalCPU").split("\n"))
        .map(line -> line.strip().split("\\|"))
        .filter(f -> f.length == 2 && f[0].contains("."))
        .mapToLong(f -> sacctDuration(f[1]).toMillis())
        .sum();
    return total / (elapsed * Integer.parseInt(acct.get("AllocCPUS")));
  }

  private static long peakRssBytes(long jobId) {
    return Arrays.stream(DevStack.run("sacct", "-n", "-P", "-j", Long.toString(jobId), "-o", "MaxRSS").split("\n"))
        .map(String::strip)
        .filter(s -> s.endsWith("K"))
        .mapToLong(s -> Long.parseLong(s.substring(0, s.length() - 1)) * 1024)
        .max()
        .orElseThrow();
  }

  /** [D-][HH:]MM:SS[.mmm] as sacct prints it. */
  private static Duration sacctDuration(String s) {
    long days = 0;
    if (s.contains("-")) {
      days = Long.parseLong(s.substring(0, s.indexOf('-')));
      s = s.substring(s.indexOf('-') + 1);
    }
    String[] parts = s.split(":");
    double seconds = Double.parseDouble(parts[parts.length - 1]);
    long minutes = Long.parseLong(parts[parts.length - 2]);
    long hours = parts.length == 3 ? Long.parseLong(parts[0]) : 0;
    return Duration.ofDays(days).plusHours(hours).plusMinutes(minutes).plusMillis(Math.round(seconds * 1000));
  }

  private static Instant sacctTime(String s) {
    return LocalDateTime.parse(s).atZone(ZoneId.systemDefault()).toInstant();
  }

  // --- hooks, mail, EC2, ledger ------------------------------------------------------------

  /** Posts as the hooks do, with the hook API key dev/up wrote to hooks.conf and worker.env. */
  private static void post(String event, String body) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(hooks.get("BURSTFLOW_URL") + "/api/v1/hooks/" + event))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + hooks.get("BURSTFLOW_HOOK_TOKEN"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
  }

  private static String epilogBody(long jobId, String partition, String nodes) {
    return "{\"cluster\":\"dev\",\"job_id\":" + jobId + ",\"user\":\"root\",\"account\":\"research\","
        + "\"partition\":\"" + partition + "\",\"nodelist\":\"" + nodes + "\",\"exit_code\":\"0:0\"}";
  }

  private static Path spooledEpilog(long jobId) {
    Path dir = Path.of(hooks.get("BURSTFLOW_SPOOL_DIR"));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".epilog.json"))
          .filter(f -> {
            try {
              return Files.readString(f).contains("\"job_id\":" + jobId + ",");
            } catch (java.io.IOException e) {
              return false;
            }
          })
          .findFirst().orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static List<MimeMessage> reportsFor(long jobId) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> {
          try {
            String[] h = m.getHeader("X-Burstflow-Job");
            return h != null && h[0].equals("dev:" + jobId);
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        })
        .toList();
  }

  private static MimeMessage reportFor(long jobId) {
    List<MimeMessage> found = reportsFor(jobId);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String plainPart(MimeMessage message) throws Exception {
    MimeMultipart parts = (MimeMultipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).isMimeType("text/plain")) {
        return ((String) parts.getBodyPart(i).getContent()).replace("\r\n", "\n");
      }
    }
    throw new AssertionError("no text/plain part");
  }

  private static List<Instance> instancesOfJob(long jobId) {
    return ec2.describeInstances(r -> r.filters(
            Filter.builder().name("tag:JobID").values(Long.toString(jobId)).build(),
            Filter.builder().name("tag:Cluster").values("dev").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  private static Map<String, BigDecimal> ledgerOf(long jobId) throws Exception {
    try (Connection c = DriverManager.getConnection(
            System.getProperty("burstflow.it.db-url", "jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED"),
            "burstflow", "burstflow");
        // held, released and charged as the job's postings on the HELD and USED buckets
        PreparedStatement st = c.prepareStatement(
            "SELECT o.kind, p.bucket, p.amount FROM budget_operation o JOIN budget_posting p ON p.operation_id = o.id "
                + "WHERE o.cluster = 'dev' AND o.job_id = ? AND p.bucket IN ('HELD', 'USED')")) {
      st.setLong(1, jobId);
      Map<String, BigDecimal> byKind = new HashMap<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String kind = switch (rs.getString(1) + "/" + rs.getString(2)) {
            case "HOLD/HELD" -> "HOLD";
            case "RECONCILE/HELD", "RELEASE/HELD" -> "RELEASE";
            case "RECONCILE/USED" -> "CHARGE";
            default -> throw new AssertionError("unexpected posting " + rs.getString(1) + "/" + rs.getString(2));
          };
          BigDecimal amount = rs.getBigDecimal(3).abs();
          assertTrue(byKind.put(kind, amount) == null, "one entry per kind");
        }
      }
      return byKind;
    }
  }
}
