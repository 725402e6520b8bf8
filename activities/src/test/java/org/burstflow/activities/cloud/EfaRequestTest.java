package org.burstflow.activities.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchPool;
import org.burstflow.contracts.cloud.LaunchRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/** How an EFA node group's launch differs: the template version with the EFA interface. */
class EfaRequestTest {

  private final NodeGroup efaGroup = new NodeGroup("hpc", "mpi",
      List.of(new NodeGroup.InstanceOffer("c5n.18xlarge", new BigDecimal("3.888")),
          new NodeGroup.InstanceOffer("c5.large", new BigDecimal("0.085"))),
      List.of("subnet-a"), "hpc-template", "on-demand", true, 0, true);

  @Test
  void theFleetLaunchesFromTheEfaVersionOfTheTemplate() {
    LaunchRequest request = new LaunchRequest(new JobKey("c", 7), "job-c-7", 1, 0, "mpi",
        List.of("n1", "n2"), new LaunchPool("hpc", "c5n.18xlarge", "subnet-a", "on-demand"), "burstflow-c-7");

    CreateFleetRequest fleet = new FleetRequestBuilder().build(request, efaGroup, "4");

    var spec = fleet.launchTemplateConfigs().get(0).launchTemplateSpecification();
    assertEquals("hpc-template", spec.launchTemplateName());
    assertEquals("4", spec.version());
    var override = fleet.launchTemplateConfigs().get(0).overrides().get(0);
    assertEquals("c5n.18xlarge", override.instanceTypeAsString());
    assertEquals("subnet-a", override.subnetId(), "the subnet still comes from the pool");
    assertEquals("$Default", new FleetRequestBuilder().build(request, efaGroup).launchTemplateConfigs().get(0)
        .launchTemplateSpecification().version(), "a group without EFA launches the default version");
  }

  @Test
  void theEfaInterfaceKeepsTheSourceInterfaceSecurityGroups() {
    ResponseLaunchTemplateData source = ResponseLaunchTemplateData.builder()
        .networkInterfaces(LaunchTemplateInstanceNetworkInterfaceSpecification.builder()
            .deviceIndex(0).groups("sg-1", "sg-2").build())
        .build();

    var efa = EfaLaunchTemplates.efaInterface("t", source);

    assertEquals("efa", efa.interfaceType());
    assertEquals(0, efa.deviceIndex());
    assertTrue(efa.deleteOnTermination());
    assertEquals(List.of("sg-1", "sg-2"), efa.groups());
    assertEquals(List.of(), EfaLaunchTemplates.efaInterface("t", ResponseLaunchTemplateData.builder().build()).groups(),
        "a template without groups: the VPC's default group, as for the template itself");
  }

  @Test
  void instanceLevelSecurityGroupsAreAClearConfigurationError() {
    ResponseLaunchTemplateData source = ResponseLaunchTemplateData.builder().securityGroupIds("sg-1").build();

    ApplicationFailure e = assertThrows(ApplicationFailure.class, () -> EfaLaunchTemplates.efaInterface("hpc-template", source));

    assertEquals(FailureTypes.BAD_INPUT, e.getType());
    assertTrue(e.getOriginalMessage().startsWith("(Code:InvalidLaunchTemplate)launch template hpc-template"),
        e.getOriginalMessage());
  }

  @Test
  void aGroupKeepsItsEfaFlagWhenNarrowedToSomeTypes() {
    NodeGroup narrowed = efaGroup.withInstanceTypes(List.of(efaGroup.instanceTypes().get(0)));
    assertTrue(narrowed.efa());
    assertEquals(List.of("c5n.18xlarge"), narrowed.instanceTypes().stream().map(NodeGroup.InstanceOffer::type).toList());
  }
}
