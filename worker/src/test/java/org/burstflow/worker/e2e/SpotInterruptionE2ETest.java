package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.temporal.client.WorkflowClient;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A spot interruption of a running 2-node job through real components: the warning (and a
 * duplicate, and one for an instance burstflow does not manage) goes into moto's SQS queue while
 * the worker is down; once it is back, the job is drained, signalled and requeued on the dev
 * Slurm, relaunched on new instances as attempt 2 of the same lifecycle, completes, and is
 * charged for both attempts.
 */
class SpotInterruptionE2ETest {

  private static final int SMTP_PORT = 3027;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  private static final BigDecimal PRICE = new BigDecimal("0.085");

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
  private static final Map<String, Object> SETTINGS = Map.of(
      "burstflow.spot.defaults.checkpoint-grace", "2s", "burstflow.spot.wait-time", "1s",
      "burstflow.spot.visibility-timeout", "5s");
  private static Ec2Client ec2;
  private static SqsClient sqs;
  private static String queueUrl;
  private static ConfigurableApplicationContext worker;

  @BeforeAll
  static void clients() {
    ec2 = DevStack.ec2Client();
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
    sqs = SqsClient.builder().endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION"))).credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    queueUrl = env.get("BURSTFLOW_SPOT_QUEUE_URL");
    sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    worker = InProcessWorker.start(SMTP_PORT, SETTINGS);
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  /**
   * A job an aborted earlier run left on cloud nodes whose instances (and slurmd) are gone stays
   * completing for ever: such nodes are taken down and powered down first.
   */
  static void releaseStaleCloudNodes() {
    DevStack.run("scancel", "--partition=cloud");
    DevStack.sleep(Duration.ofSeconds(3));
    for (String line : DevStack.run("sinfo", "-h", "-N", "-p", "cloud", "-o", "%N %t").strip().split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2 && !f[1].endsWith("~") && !f[1].endsWith("%")) {
        DevStack.run("scontrol", "update", "nodename=" + f[0], "state=down", "reason=stale after an aborted run");
        DevStack.run("scontrol", "update", "nodename=" + f[0], "state=power_down_force");
      }
    }
  }

  /**
   * Every worktree's dev Slurm numbers its jobs on its own while MariaDB (reports, ledger) is
   * shared: a job id another run already reported and charged would find that report and that
   * charge. Held throw-away jobs move the numbering past every id burstflow has seen.
   */
  static void skipJobIdsUsedBefore() throws Exception {
    long maxUsed;
    try (Connection c = DriverManager.getConnection(
            "jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED", "burstflow", "burstflow");
        PreparedStatement st = c.prepareStatement("SELECT GREATEST("
            + "COALESCE((SELECT MAX(job_id) FROM job_report WHERE cluster = 'dev'), 0),"
            + "COALESCE((SELECT MAX(job_id) FROM budget_operation WHERE cluster = 'dev'), 0))");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      maxUsed = rs.getLong(1);
    }
    for (int i = 0; i < 5000; i++) {
      long id = Long.parseLong(DevStack.run("sbatch", "--parsable", "-p", "local", "--hold",
          "--output=/dev/null", "--wrap", "true").strip().split(";")[0]);
      DevStack.run("scancel", Long.toString(id));
      if (id >= maxUsed) {
        return;
      }
    }
  }

  @Test
  void anInterruptedJobIsRequeuedRelaunchedAndChargedForBothAttempts() throws Exception {
    releaseStaleCloudNodes();
    skipJobIdsUsedBefore();
    DevStack.awaitCloudNodesPoweredDown();
    // runs long the first time; after the requeue (SLURM_RESTART_COUNT=1) it finishes quickly
    long jobId = DevStack.submit("-p", "cloud", "-N", "2", "--mem=500M", "--requeue", "--wrap",
        "if [ \"${SLURM_RESTART_COUNT:-0}\" -gt 0 ]; then srun sleep 3; else srun sleep 600; fi");
    DevStack.await("job " + jobId + " running", JOB_TIMEOUT, () -> DevStack.runningNodes(jobId));
    List<Instance> first = instancesOfJob(jobId);
    assertEquals(2, first.size());
    Instance interrupted = first.get(0);

    // the worker is down when the notices arrive: they wait in the queue
    worker.close();
    worker = null;
    String foreign = ec2.runInstances(b -> b.imageId(first.get(0).imageId()).minCount(1).maxCount(1)
        .instanceType("c5.large").subnetId(env.get("BURSTFLOW_EC2_SUBNET_ID"))).instances().get(0).instanceId();
    Instant noticeSent = Instant.now();
    send(warning(interrupted.instanceId(), "ev-" + jobId));
    send(warning(interrupted.instanceId(), "ev-" + jobId)); // EventBridge delivers at least once
    send(warning(foreign, "ev-foreign-" + jobId));
    DevStack.sleep(Duration.ofSeconds(2));
    assertEquals(3, messagesInQueue(), "nobody took the notices while the worker was down");
    assertEquals("RUNNING", jobState(jobId));

    worker = InProcessWorker.start(SMTP_PORT, SETTINGS);
    String reason = DevStack.await("the node drained for the interruption", Duration.ofMinutes(1),
        () -> nodeReason(interrupted.tags().stream().filter(t -> t.key().equals("SlurmNode")).findFirst()
            .map(Tag::value).orElseThrow()));
    assertTrue(reason.startsWith("(Code:SpotInterruption)" + interrupted.instanceId()), reason);
    DevStack.await("job requeued", Duration.ofMinutes(1),
        () -> restartCount(jobId) >= 1 ? true : null);
    Instant requeueSeen = Instant.now();
    DevStack.await("every notice handled and deleted", Duration.ofMinutes(1),
        () -> messagesInQueue() == 0 ? true : null);

    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to end after the relaunch", JOB_TIMEOUT,
        () -> DevStack.finalState(jobId)));
    assertEquals(1, restartCount(jobId), "one reaction to the duplicated notice: requeued once");

    // one lifecycle, two attempts, each on instances of its own
    List<Instance> all = instancesOfJob(jobId);
    assertEquals(4, all.size(), all.stream().map(Instance::instanceId).toList().toString());
    Map<String, List<Instance>> byAttempt = all.stream().collect(Collectors.groupingBy(i -> tag(i, "Attempt")));
    assertEquals(2, byAttempt.get("1").size());
    assertEquals(2, byAttempt.get("2").size());
    assertTrue(all.stream().allMatch(i -> ("job-dev-" + jobId).equals(tag(i, "WorkflowId"))));
    assertEquals(List.of(), instancesOfForeignTag(foreign), "the foreign instance is left alone");

    // the charge: attempt 1 until the reaction, attempt 2 until the job's end
    JobLifecycleWorkflow lifecycle = worker.getBean(WorkflowClient.class)
        .newWorkflowStub(JobLifecycleWorkflow.class, "job-dev-" + jobId);
    DevStack.await("the lifecycle to complete", Duration.ofMinutes(2), () -> {
      LifecycleStatus status = lifecycle.status();
      System.out.println("lifecycle job-dev-" + jobId + ": " + status);
      return status.stage() == LifecycleStage.COMPLETED ? true : null;
    });
    MimeMessage email = DevStack.await("the report e-mail", Duration.ofMinutes(1), () -> reportFor(jobId));
    BigDecimal charged = charge(jobId);
    Instant end = sacctEnd(jobId);
    BigDecimal second = cost(byAttempt.get("2"), end);
    BigDecimal low = second.add(cost(byAttempt.get("1"), noticeSent));
    BigDecimal high = second.add(cost(byAttempt.get("1"), requeueSeen));
    assertTrue(charged.compareTo(low) >= 0 && charged.compareTo(high) <= 0,
        "charged " + charged + " outside [" + low + ", " + high + "]");
    String text = plainPart(email);
    assertTrue(text.contains("## Spot interruptions"), text);
    assertTrue(text.contains(interrupted.instanceId()), text);
    assertTrue(text.contains("requeued; nodes powered down"), text);
  }

  // ---------------------------------------------------------------------------------------------

  private static BigDecimal cost(List<Instance> instances, Instant until) {
    return instances.stream()
        .map(i -> PRICE.multiply(BigDecimal.valueOf(Math.max(0, Duration.between(i.launchTime(), until).toSeconds()))))
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP);
  }

  private static String jobState(long jobId) {
    return DevStack.run("squeue", "-h", "-j", Long.toString(jobId), "-o", "%T").strip();
  }

  static int restartCount(long jobId) {
    String out = DevStack.run("scontrol", "show", "job", "-o", Long.toString(jobId));
    return Arrays.stream(out.split("\\s+")).filter(f -> f.startsWith("Restarts="))
        .map(f -> Integer.parseInt(f.substring("Restarts=".length()))).findFirst().orElse(0);
  }

  private static String nodeReason(String node) {
    String out = DevStack.run("scontrol", "show", "node", "-o", node);
    int at = out.indexOf("Reason=");
    if (at < 0) {
      return null;
    }
    String reason = out.substring(at + "Reason=".length()).strip();
    return reason.startsWith("(Code:Spot") ? reason : null;
  }

  private static Instant sacctEnd(long jobId) {
    String[] ends = DevStack.run("sacct", "-X", "-n", "-P", "-D", "-j", Long.toString(jobId), "-o", "End")
        .strip().split("\n");
    return LocalDateTime.parse(ends[ends.length - 1].strip()).atZone(ZoneId.systemDefault()).toInstant();
  }

  static String tag(Instance i, String key) {
    return i.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
  }

  private static List<Instance> instancesOfJob(long jobId) {
    return ec2.describeInstances(r -> r.filters(
            Filter.builder().name("tag:JobID").values(Long.toString(jobId)).build(),
            Filter.builder().name("tag:Cluster").values("dev").build()))
        .reservations().stream().flatMap(r -> r.instances().stream())
        .sorted((a, b) -> a.launchTime().compareTo(b.launchTime())).toList();
  }

  /** Tags burstflow would have put on the foreign instance, had it touched it. */
  private static List<String> instancesOfForeignTag(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
        .flatMap(r -> r.instances().stream()).flatMap(i -> i.tags().stream()).map(Tag::key).toList();
  }

  private static void send(String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  private static int messagesInQueue() {
    var a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** burst-anchors.md §3.2, stamped now. */
  static String warning(String instanceId, String eventId) {
    return "{\"version\":\"0\",\"id\":\"" + eventId + "\",\"detail-type\":\"EC2 Spot Instance Interruption Warning\","
        + "\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\","
        + "\"region\":\"us-east-1\",\"resources\":[\"arn:aws:ec2:us-east-1a:instance/" + instanceId + "\"],"
        + "\"detail\":{\"instance-id\":\"" + instanceId + "\",\"instance-action\":\"terminate\"}}";
  }

  private static BigDecimal charge(long jobId) throws Exception {
    try (Connection c = DriverManager.getConnection(
            "jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED", "burstflow", "burstflow");
        PreparedStatement st = c.prepareStatement(
            "SELECT p.amount FROM budget_operation o JOIN budget_posting p ON p.operation_id = o.id "
                + "WHERE o.cluster = 'dev' AND o.job_id = ? AND o.kind = 'RECONCILE' AND p.bucket = 'USED'")) {
      st.setLong(1, jobId);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "the job was reconciled");
        return rs.getBigDecimal(1).abs();
      }
    }
  }

  private static MimeMessage reportFor(long jobId) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> {
          try {
            String[] h = m.getHeader("X-Burstflow-Job");
            return h != null && h[0].equals("dev:" + jobId);
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        })
        .findFirst().orElse(null);
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
}
