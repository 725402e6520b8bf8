package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A job on spot nodes interrupted twice on the dev Slurm: each interruption requeues it onto new
 * spot instances of the same lifecycle, until the second (the default {@code on-demand-after})
 * sends the third attempt to on-demand instances, where it completes.
 */
class SpotOnDemandFallbackE2ETest {

  private static final int SMTP_PORT = 3033;
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
  private static Ec2Client ec2;
  private static SqsClient sqs;
  private static String queueUrl;
  private static ConfigurableApplicationContext worker;

  @BeforeAll
  static void startWorkerOnSpot() {
    ec2 = DevStack.ec2Client();
    sqs = SqsClient.builder().endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    queueUrl = env.get("BURSTFLOW_SPOT_QUEUE_URL");
    sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    worker = InProcessWorker.start(SMTP_PORT, Map.of(
        "BURSTFLOW_EC2_PURCHASING_OPTION", "spot",
        "burstflow.spot.defaults.checkpoint-grace", "1s",
        "burstflow.spot.wait-time", "1s"));
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    sqs.close();
    ec2.close();
  }

  @Test
  void theThirdLaunchAfterTwoInterruptionsIsOnDemand() throws Exception {
    SpotInterruptionE2ETest.releaseStaleCloudNodes();
    SpotInterruptionE2ETest.skipJobIdsUsedBefore();
    DevStack.awaitCloudNodesPoweredDown();
    // runs long until it has been requeued twice, then finishes
    long jobId = DevStack.submit("-p", "cloud", "-N", "1", "--mem=500M", "--requeue", "--wrap",
        "if [ \"${SLURM_RESTART_COUNT:-0}\" -ge 2 ]; then srun sleep 3; else srun sleep 600; fi");

    for (int interruption = 1; interruption <= 2; interruption++) {
      int attempt = interruption;
      Instance spot = DevStack.await("attempt " + attempt + " running on its instance", STEP_TIMEOUT, () -> {
        if (DevStack.runningNodes(jobId) == null) {
          return null;
        }
        return instancesOf(jobId).stream()
            .filter(i -> String.valueOf(attempt).equals(SpotInterruptionE2ETest.tag(i, "Attempt")) && "running".equals(i.state().nameAsString()))
            .findFirst().orElse(null);
      });
      assertEquals("spot", spot.instanceLifecycleAsString(), "attempt " + attempt + " runs on spot");
      sqs.sendMessage(b -> b.queueUrl(queueUrl)
          .messageBody(SpotInterruptionE2ETest.warning(spot.instanceId(), "ev-" + jobId + "-" + attempt)));
      DevStack.await("requeue number " + attempt, STEP_TIMEOUT, () -> SpotInterruptionE2ETest.restartCount(jobId) >= attempt ? true : null);
    }

    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to end on its third attempt", STEP_TIMEOUT,
        () -> DevStack.finalState(jobId)));
    Map<String, List<Instance>> byAttempt =
        instancesOf(jobId).stream().collect(Collectors.groupingBy(i -> SpotInterruptionE2ETest.tag(i, "Attempt")));
    assertEquals(List.of("1", "2", "3"), byAttempt.keySet().stream().sorted().toList());
    assertEquals(1, byAttempt.get("3").size());
    assertNull(byAttempt.get("3").get(0).instanceLifecycleAsString(), "the third attempt runs on demand");
    assertTrue(byAttempt.get("1").stream().allMatch(i -> "spot".equals(i.instanceLifecycleAsString())));
    assertTrue(byAttempt.get("2").stream().allMatch(i -> "spot".equals(i.instanceLifecycleAsString())));
  }

  private static List<Instance> instancesOf(long jobId) {
    return ec2.describeInstances(r -> r.filters(
            Filter.builder().name("tag:JobID").values(Long.toString(jobId)).build(),
            Filter.builder().name("tag:Cluster").values("dev").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }
}
