package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.LaunchPlanner;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchPlan;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.worker.e2e.DevStack;
import org.burstflow.worker.faults.FaultInjectingEc2Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * EFA node groups against moto, which carries EC2's instance type data (NetworkInfo.EfaSupported:
 * c5n.18xlarge and hpc6a.48xlarge yes, c5.large no). The client is wrapped only to count calls.
 */
class EfaNodeGroupIT {

  private static Ec2Client moto;
  private static FaultInjectingEc2Client ec2;
  private static CloudNodeActivitiesImpl activities;
  private static String subnet;
  private static String template;
  private final String cluster = "efa" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void connect() {
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    moto = DevStack.ec2Client();
    ec2 = new FaultInjectingEc2Client(moto);
    subnet = env.get("BURSTFLOW_EC2_SUBNET_ID");
    // a template of its own, so the dev stack's template gets no EFA version
    String image = moto.describeLaunchTemplateVersions(r -> r
            .launchTemplateName(env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE")).versions("$Default"))
        .launchTemplateVersions().get(0).launchTemplateData().imageId();
    template = "it-efa-" + UUID.randomUUID().toString().substring(0, 8);
    moto.createLaunchTemplate(r -> r.launchTemplateName(template).launchTemplateData(d -> d.imageId(image)));
    NodeGroup hpc = new NodeGroup("it-hpc", "hpc",
        List.of(offer("c5.large"), offer("c5n.18xlarge"), offer("hpc6a.48xlarge")),
        List.of(subnet), template, "on-demand", true, 0, true);
    NodeGroup noEfa = new NodeGroup("it-plain", "plain", List.of(offer("c5.large"), offer("c5.xlarge")),
        List.of(subnet), template, "on-demand", false, 0, true);
    activities = new CloudNodeActivitiesImpl(ec2, List.of(hpc, noEfa),
        new LaunchPlanner(Duration.ofMinutes(10), Clock.systemUTC()));
  }

  @AfterAll
  static void close() {
    moto.deleteLaunchTemplate(r -> r.launchTemplateName(template));
    ec2.close();
  }

  @Test
  void onlyEfaCapableTypesArePlannedAndEc2IsAskedOnce() {
    LaunchPlan plan = activities.planLaunch("hpc", 4);
    assertEquals(List.of("c5n.18xlarge", "hpc6a.48xlarge"),
        plan.pools().stream().map(LaunchPool::instanceType).toList(), "c5.large has no EFA");

    int asked = ec2.describeInstanceTypesCalls();
    activities.planLaunch("hpc", 2);
    assertEquals(asked, ec2.describeInstanceTypesCalls(), "the answer is cached");
  }

  @Test
  void aGroupRequiringEfaWithNoCapableTypeIsAClearError() {
    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> activities.planLaunch("plain", 1));
    assertEquals(FailureTypes.BAD_INPUT, e.getType());
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().startsWith(
        "(Code:NoEfaInstanceType)node group it-plain requires EFA but none of its instance types [c5.large, c5.xlarge]"),
        e.getOriginalMessage());
  }

  @Test
  void theFleetLaunchesFromATemplateVersionWithAnEfaInterfaceDerivedOnce() {
    LaunchRequest first = request(1);
    LaunchedNodes launched = activities.launchNodes(first);
    assertEquals(2, launched.nodes().size());
    assertTrue(launched.nodes().stream().allMatch(n -> n.instanceType().equals("c5n.18xlarge")));

    List<LaunchTemplateVersion> efaVersions = moto.describeLaunchTemplateVersions(r -> r.launchTemplateName(template))
        .launchTemplateVersions().stream()
        .filter(v -> v.versionDescription() != null && v.versionDescription().startsWith("burstflow-efa"))
        .toList();
    assertEquals(1, efaVersions.size());
    var nic = efaVersions.get(0).launchTemplateData().networkInterfaces().get(0);
    assertEquals("efa", nic.interfaceType());
    assertEquals(0, nic.deviceIndex());

    LaunchRequest second = request(2);
    activities.launchNodes(second);
    assertEquals(1, moto.describeLaunchTemplateVersions(r -> r.launchTemplateName(template))
        .launchTemplateVersions().stream()
        .filter(v -> v.versionDescription() != null && v.versionDescription().startsWith("burstflow-efa")).count(),
        "the second launch reuses the EFA version");
    assertEquals(2, activities.terminateLaunch(first).instanceIds().size());
    assertEquals(2, activities.terminateLaunch(second).instanceIds().size());
  }

  private LaunchRequest request(long job) {
    return new LaunchRequest(new JobKey(cluster, job), "job-" + cluster + "-" + job, 1, 0, "hpc",
        List.of("efanode-1", "efanode-2"), new LaunchPool("it-hpc", "c5n.18xlarge", subnet, "on-demand"), null);
  }

  private static NodeGroup.InstanceOffer offer(String type) {
    return new NodeGroup.InstanceOffer(type, new BigDecimal("1.00"));
  }
}
