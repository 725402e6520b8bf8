package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.burstflow.testsupport.SeparateWorkerMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The worker, a JVM of its own, is SIGKILLed between CreateFleet and tagging: its CreateFleet has
 * launched the job's instances but its answer is held, so nothing after it (tags, scontrol) has
 * happened. A new worker process takes over: the launch activity is retried after its heartbeat
 * timeout, finds the instances by their launch tags instead of launching again, and the job runs.
 * After it ends and its nodes power down, no instance of it is left.
 */
class WorkerKillE2ETest {

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(3031, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private final List<Process> workers = new ArrayList<>();
  private final Ec2Client ec2 = DevStack.ec2Client();

  @AfterEach
  void stopWorkers() throws InterruptedException {
    for (Process p : workers) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    ec2.close();
  }

  @Test
  void aWorkerKilledMidLaunchLeaksNothingAndTheJobCompletes() throws Exception {
    DevStack.resumeDownCloudNodes();
    DevStack.awaitCloudNodesPoweredDown();
    Process first = startWorker("first", "pause-after-create-fleet");
    long jobId = DevStack.submit("-p", "cloud", "-N", "2", "--wrap", "srun hostname");

    List<Instance> launched = DevStack.await("the job's CreateFleet to launch", Duration.ofMinutes(1), () -> {
      List<Instance> found = instancesOf(jobId);
      return found.size() == 2 ? found : null;
    });
    first.toHandle().destroyForcibly(); // SIGKILL
    assertTrue(first.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, first.exitValue(), "killed by SIGKILL");
    assertTrue(launched.stream().allMatch(i -> tag(i, "SlurmNode") == null),
        "killed before the instances were assigned to nodes");

    startWorker("second");
    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to complete", Duration.ofMinutes(3),
        () -> DevStack.finalState(jobId)));
    List<Instance> all = instancesOf(jobId);
    assertEquals(launched.stream().map(Instance::instanceId).sorted().toList(),
        all.stream().map(Instance::instanceId).sorted().toList(), "the retried launch reused the killed one's instances");
    assertTrue(all.stream().allMatch(i -> tag(i, "SlurmNode") != null), "assigned to nodes after the restart");
    DevStack.await("every instance of the job terminated once its nodes powered down", Duration.ofMinutes(3),
        () -> instancesOf(jobId).stream().noneMatch(WorkerKillE2ETest::isLive) ? true : null);
  }

  /** The worker in a JVM of its own, on the test's class path, logging to target/. */
  private Process startWorker(String name, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"),
        SeparateWorkerMain.class.getName(), "3031"));
    cmd.addAll(List.of(extra));
    Path log = Path.of("target", "worker-kill-" + name + ".log").toAbsolutePath();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    workers.add(p);
    HttpClient http = HttpClient.newHttpClient();
    DevStack.await("worker " + name + " up (log " + log + ")", Duration.ofMinutes(1), () -> {
      if (!p.isAlive()) {
        throw new IllegalStateException("worker " + name + " exited " + p.exitValue() + ", see " + log);
      }
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? true : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    });
    return p;
  }

  private List<Instance> instancesOf(long jobId) {
    return ec2.describeInstances(r -> r.filters(
            Filter.builder().name("tag:JobID").values(Long.toString(jobId)).build(),
            Filter.builder().name("tag:Cluster").values("dev").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  private static boolean isLive(Instance i) {
    return List.of("pending", "running", "stopping", "stopped").contains(i.state().nameAsString());
  }

  private static String tag(Instance i, String key) {
    return i.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
  }
}
