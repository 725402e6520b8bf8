package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * A cloud node an administrator powers up by hand on the dev Slurm: it has no job, yet it gets
 * an instance and an address, and loses the instance when Slurm powers it down.
 */
class ManualPowerUpE2ETest {

  private static final String NODE = "burst-4";

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(3029, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static ConfigurableApplicationContext worker;
  private static Ec2Client ec2;

  @BeforeAll
  static void startWorker() {
    ec2 = DevStack.ec2Client();
    worker = InProcessWorker.start(3029);
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    ec2.close();
  }

  /**
   * Twice: the second power-down comes well within a minute of the first and must be a release of
   * its own (a release keyed by the minute once took it for a repeat and left the instance running).
   */
  @Test
  void aNodePoweredUpWithoutAJobGetsAnInstanceAndItsAddressAndLosesItOnEachPowerDown() {
    DevStack.resumeDownCloudNodes();
    DevStack.awaitCloudNodesPoweredDown();
    powerUpAndDown();
    powerUpAndDown();
  }

  private static void powerUpAndDown() {
    Instant before = Instant.now().minusSeconds(2);

    DevStack.run("scontrol", "update", "nodename=" + NODE, "state=power_up");

    Instance instance = DevStack.await("a running instance for " + NODE, Duration.ofMinutes(2), () -> {
      List<Instance> live = instancesOf(NODE).stream()
          .filter(i -> i.launchTime().isAfter(before) && "running".equals(i.state().nameAsString()))
          .toList();
      return live.size() == 1 ? live.get(0) : null;
    });
    assertNull(tag(instance, "JobID"), "no job, no JobID tag");
    assertTrue(tag(instance, "WorkflowId").startsWith("powerup-dev-" + NODE + "-"), tag(instance, "WorkflowId"));
    assertEquals("cloud", tag(instance, "Partition"));
    DevStack.await("Slurm to have the instance's address", Duration.ofMinutes(1),
        () -> nodeField("NodeAddr").equals(instance.privateIpAddress()) ? true : null);

    // it idles without a job; power it down now rather than waiting for SuspendTime
    powerDown();
    DevStack.await("the instance terminated after the power-down", Duration.ofMinutes(3), () ->
        List.of("shutting-down", "terminated").contains(stateOf(instance.instanceId())) ? true : null);
    DevStack.await("the node address reset", Duration.ofMinutes(1),
        () -> nodeField("NodeAddr").equals(NODE) ? true : null);
    assertEquals(1, instancesOf(NODE).stream().filter(i -> i.launchTime().isAfter(before)).count(),
        "one instance for one power-up");
    DevStack.awaitCloudNodesPoweredDown();
  }

  /** Slurm refuses power_down on a node already on its way down: that is fine. */
  private static void powerDown() {
    try {
      DevStack.run("scontrol", "update", "nodename=" + NODE, "state=power_down");
    } catch (IllegalStateException alreadyGoingDown) {
      // SuspendTime may have started the power-down first
    }
  }

  private static String nodeField(String field) {
    String line = DevStack.run("scontrol", "show", "node", NODE, "-o");
    for (String f : line.strip().split(" ")) {
      if (f.startsWith(field + "=")) {
        return f.substring(field.length() + 1);
      }
    }
    return "";
  }

  private static List<Instance> instancesOf(String node) {
    return ec2.describeInstances(r -> r.filters(
            Filter.builder().name("tag:SlurmNode").values(node).build(),
            Filter.builder().name("tag:Cluster").values("dev").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  private static String stateOf(String instanceId) {
    return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
        .state().nameAsString();
  }

  private static String tag(Instance i, String key) {
    return i.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
  }
}
