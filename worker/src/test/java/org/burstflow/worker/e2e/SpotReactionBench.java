package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * The spot reaction figure (not a test: its name keeps it out of every suite; run by
 * dev/bench-spot): time from a warning entering the SQS queue to its node drained, and to the job
 * requeued, on the dev stack, over {@code bench.spot.runs} (20) interruptions. Rounds of four
 * one-node cloud jobs (the dev cluster has four cloud nodes); each requeued job is cancelled so
 * its nodes power down for the next round. Checkpoint grace 0 s: the figure is burstflow's own
 * reaction; a configured grace adds itself to the time to the requeue.
 */
class SpotReactionBench {

  private static final int SMTP_PORT = 3028;

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @Test
  void reactionTimes() throws Exception {
    int runs = Integer.getInteger("bench.spot.runs", 20);
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    Ec2Client ec2 = DevStack.ec2Client();
    SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    String queue = env.get("BURSTFLOW_SPOT_QUEUE_URL");
    sqs.purgeQueue(b -> b.queueUrl(queue));
    List<Double> drained = new ArrayList<>();
    List<Double> requeued = new ArrayList<>();
    try (ConfigurableApplicationContext worker = InProcessWorker.start(SMTP_PORT, Map.of(
        "burstflow.spot.defaults.checkpoint-grace", "0s", "burstflow.sweep.enabled", "false"))) {
      SpotInterruptionE2ETest.releaseStaleCloudNodes();
      SpotInterruptionE2ETest.skipJobIdsUsedBefore();
      while (requeued.size() < runs) {
        DevStack.awaitCloudNodesPoweredDown();
        int n = Math.min(4, runs - requeued.size());
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          jobs.add(DevStack.submit("-p", "cloud", "-N", "1", "--mem=500M", "--requeue", "--wrap", "srun sleep 600"));
        }
        for (long job : jobs) {
          String node = DevStack.await("job " + job + " running", Duration.ofMinutes(4), () -> DevStack.runningNodes(job));
          Instance instance = DevStack.await("job " + job + "'s instance", Duration.ofMinutes(1), () -> ec2
              .describeInstances(r -> r.filters(Filter.builder().name("tag:JobID").values(Long.toString(job)).build(),
                  Filter.builder().name("instance-state-name").values("running").build()))
              .reservations().stream().flatMap(r -> r.instances().stream()).findFirst().orElse(null));
          long sent = System.nanoTime();
          sqs.sendMessage(b -> b.queueUrl(queue).messageBody(
              SpotInterruptionE2ETest.warning(instance.instanceId(), "bench-" + job)));
          Double drainedAt = null;
          while (true) {
            if (drainedAt == null && drainedForSpot(node)) {
              drainedAt = (System.nanoTime() - sent) / 1e9;
            }
            if (restarts(job) >= 1) {
              double at = (System.nanoTime() - sent) / 1e9;
              drained.add(drainedAt == null ? at : drainedAt);
              requeued.add(at);
              break;
            }
            if (System.nanoTime() - sent > Duration.ofMinutes(2).toNanos()) {
              throw new AssertionError("job " + job + " not requeued within the two-minute notice");
            }
            DevStack.sleep(Duration.ofMillis(20));
          }
          System.out.printf("spot-bench: job %d node %s drained %.3f s, requeued %.3f s%n",
              job, node, drained.get(drained.size() - 1), requeued.get(requeued.size() - 1));
        }
        jobs.forEach(job -> DevStack.run("scancel", Long.toString(job)));
      }
    }
    System.out.printf("spot-bench: %d interruptions; notice → node drained median %.2f s (min %.2f, max %.2f);"
            + " notice → job requeued median %.2f s (min %.2f, max %.2f)%n",
        runs, median(drained), min(drained), max(drained), median(requeued), min(requeued), max(requeued));
    assertEquals(runs, requeued.size());
  }

  private static boolean drainedForSpot(String node) {
    return DevStack.run("scontrol", "show", "node", "-o", node).contains("Reason=(Code:SpotInterruption)");
  }

  private static int restarts(long job) {
    String out = DevStack.run("scontrol", "show", "job", "-o", Long.toString(job));
    return Arrays.stream(out.split("\\s+")).filter(f -> f.startsWith("Restarts="))
        .map(f -> Integer.parseInt(f.substring("Restarts=".length()))).findFirst().orElse(0);
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
