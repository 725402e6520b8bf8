package org.burstflow.worker.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.burstflow.testsupport.FaultyEc2Configuration;
import org.burstflow.worker.faults.FaultInjectingEc2Client;
import org.burstflow.worker.faults.FaultInjectingEc2Client.FleetFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Gang provisioning under EC2 faults, through the dev Slurm: the worker's EC2 client is wrapped
 * by {@link FaultInjectingEc2Client}; everything else is real. Each scenario ends with no
 * instance left running that the job does not use.
 */
class ProvisioningFaultsE2ETest {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(new ServerSetup(3027, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static FaultInjectingEc2Client faults;
  private static ConfigurableApplicationContext worker;
  private static Ec2Client ec2;

  @BeforeAll
  static void startWorker() {
    ec2 = DevStack.ec2Client();
    worker = InProcessWorker.start(3027, FaultyEc2Configuration.class);
    faults = FaultyEc2Configuration.current();
  }

  private int callsBefore;

  @BeforeEach
  void countCalls() {
    callsBefore = faults.createFleetCalls();
  }

  @AfterEach
  void clearFaults() {
    faults.clearFaults();
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    ec2.close();
  }

  @Test
  void aPartialFleetIsTerminatedAndTheFourNodeJobRunsOnTheNextInstanceType() {
    faults.failNextFleet(FleetFault.PARTIAL, "c5.large");

    DevStack.awaitCloudNodesPoweredDown();
    // an MPI-style gang of every cloud node
    long jobId = DevStack.submit("-p", "cloud", "-N", "4", "--wrap", "srun hostname");
    assertEquals("COMPLETED", DevStack.await("job " + jobId + " to end", JOB_TIMEOUT, () -> DevStack.finalState(jobId)));

    Map<String, List<Instance>> byType = instancesOf(jobId).stream()
        .collect(Collectors.groupingBy(Instance::instanceTypeAsString));
    assertEquals(4, byType.get("c5.large").size(), "the partial fleet: three reported, one not");
    assertTrue(byType.get("c5.large").stream().noneMatch(ProvisioningFaultsE2ETest::isLive),
        "every instance of the failed pool is terminated");
    assertEquals(4, byType.get("c5.xlarge").size(), "the job ran on the next type");
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, status("provision-dev-" + jobId + "-1"));

    // the 4-node job had a placement group of its own; it goes with the last instance
    String group = "burstflow-dev-" + jobId;
    assertTrue(placementGroupExists(group), "the job's placement group while its instances run");
    DevStack.await("instances terminated and placement group deleted after suspend", Duration.ofMinutes(3),
        () -> instancesOf(jobId).stream().noneMatch(ProvisioningFaultsE2ETest::isLive) && !placementGroupExists(group)
            ? true : null);
  }

  @Test
  void aQuotaErrorDownsTheNodesWithItsCodeAndTheRequeuedJobRunsNextAttempt() throws Exception {
    faults.failNextFleet(FleetFault.QUOTA, null);

    int logStart = slurmctldLog().length();
    DevStack.awaitCloudNodesPoweredDown();
    long jobId = DevStack.submit("-p", "cloud", "-N", "2", "--wrap", "srun hostname");
    String reason = DevStack.await("the node reason in slurmctld's log", Duration.ofMinutes(2),
        () -> slurmctldLog().substring(logStart).lines()
            .filter(l -> l.contains("update_node") && l.contains("reason set to: (Code:VcpuLimitExceeded)"))
            .findFirst().orElse(null));
    assertTrue(reason.contains("(Code:VcpuLimitExceeded)You have requested more vCPU"), reason);
    assertEquals(1, faults.createFleetCalls() - callsBefore, "quota: no retry loop, no other pool tried");

    // while requeued, sacct shows the failed run's NODE_FAIL: wait for the rerun's end
    DevStack.await("requeued job " + jobId + " to complete", Duration.ofMinutes(6),
        () -> "COMPLETED".equals(DevStack.finalState(jobId)) ? true : null);
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED, status("provision-dev-" + jobId + "-1"));
    assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, status("provision-dev-" + jobId + "-2"));
    List<Instance> instances = instancesOf(jobId);
    assertEquals(2, instances.size(), "nothing from the refused attempt, two from the second");
    assertTrue(instances.stream().allMatch(i -> "2".equals(tag(i, "Attempt"))));
  }

  private static WorkflowExecutionStatus status(String workflowId) {
    return worker.getBean(WorkflowClient.class).newUntypedWorkflowStub(workflowId).describe()
        .getWorkflowExecutionInfo().getStatus();
  }

  private static String slurmctldLog() {
    try {
      return Files.readString(DevStack.REPO.resolve("dev/run/log/slurmctld.log"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Instance> instancesOf(long jobId) {
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

  private static boolean placementGroupExists(String name) {
    try {
      return !ec2.describePlacementGroups(r -> r.groupNames(name)).placementGroups().isEmpty();
    } catch (Ec2Exception e) {
      return false;
    }
  }
}
