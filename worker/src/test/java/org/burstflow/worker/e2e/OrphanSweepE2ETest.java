package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.burstflow.contracts.cloud.OrphanTermination;
import org.burstflow.contracts.sweep.OrphanSweepWorkflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Instances burstflow's tags claim but no Slurm node needs are found and terminated by the
 * cluster's sweep, each with its reason. Runs the sweep with a one-second grace period, and
 * stops it afterwards so that later workers start the default one.
 */
class OrphanSweepE2ETest {

  private static ConfigurableApplicationContext worker;
  private static Ec2Client ec2;

  @BeforeAll
  static void startWorkerWithAnImpatientSweep() {
    ec2 = DevStack.ec2Client();
    worker = InProcessWorker.start(3028, Map.of(
        "burstflow.sweep.interval", "2s", "burstflow.sweep.grace-period", "1s"));
    // a sweep started earlier with other settings would be kept: replace it with this one's
    stopSweep();
    worker.close();
    worker = InProcessWorker.start(3028, Map.of(
        "burstflow.sweep.interval", "2s", "burstflow.sweep.grace-period", "1s"));
  }

  @AfterAll
  static void stopWorker() {
    stopSweep();
    worker.close();
    ec2.close();
  }

  @Test
  void instancesOfUnknownNodesOrWithoutNodeAreTerminatedWithTheirReason() {
    String unknownNode = launchOrphan(List.of(tag("SlurmNode", "burst-99"), tag("Name", "burst-99")));
    String untagged = launchOrphan(List.of());

    DevStack.await("the sweep to terminate both orphans", Duration.ofMinutes(1), () ->
        isGone(unknownNode) && isGone(untagged) ? true : null);

    List<OrphanTermination> done = worker.getBean(WorkflowClient.class)
        .newWorkflowStub(OrphanSweepWorkflow.class, OrphanSweepWorkflow.workflowId("dev")).status().terminated();
    assertTrue(done.stream().anyMatch(o -> o.instanceId().equals(unknownNode)
        && o.reason().contains("burst-99 is unknown to Slurm")), done.toString());
    assertTrue(done.stream().anyMatch(o -> o.instanceId().equals(untagged)
        && o.reason().contains("no SlurmNode tag")), done.toString());
  }

  private static void stopSweep() {
    try {
      WorkflowStub sweep = worker.getBean(WorkflowClient.class)
          .newUntypedWorkflowStub(OrphanSweepWorkflow.workflowId("dev"));
      sweep.terminate("replaced by a test's sweep settings");
    } catch (WorkflowNotFoundException | io.temporal.client.WorkflowFailedException alreadyGone) {
      // nothing runs: fine
    } catch (io.temporal.client.WorkflowServiceException e) {
      if (!(e.getCause() instanceof io.grpc.StatusRuntimeException)) {
        throw e;
      }
    }
  }

  private static String launchOrphan(List<Tag> extraTags) {
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    List<Tag> tags = new java.util.ArrayList<>(List.of(tag("ManagedBy", "burstflow"), tag("Cluster", "dev")));
    tags.addAll(extraTags);
    String ami = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName(env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE")))
        .launchTemplateVersions().get(0).launchTemplateData().imageId();
    return ec2.runInstances(r -> r.imageId(ami).instanceType("c5.large").minCount(1).maxCount(1)
            .subnetId(env.get("BURSTFLOW_EC2_SUBNET_ID"))
            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build()))
        .instances().get(0).instanceId();
  }

  private static boolean isGone(String instanceId) {
    Instance i = ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    return List.of("shutting-down", "terminated").contains(i.state().nameAsString());
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
