package org.burstflow.activities.cloud;

import org.burstflow.contracts.cloud.LaunchRequest;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateConfigRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateOverridesRequest;
import software.amazon.awssdk.services.ec2.model.FleetLaunchTemplateSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.FleetOnDemandAllocationStrategy;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.OnDemandOptionsRequest;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SpotAllocationStrategy;
import software.amazon.awssdk.services.ec2.model.SpotOptionsRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetCapacitySpecificationRequest;

/**
 * The CreateFleet request for a gang: type instant, MinTargetCapacity = TotalTargetCapacity = N
 * in a single AZ, so EC2 itself launches all N or nothing; ClientToken from workflow id and
 * attempt so a retried call cannot launch twice.
 */
final class FleetRequestBuilder {

  /** One pool: its instance type in its subnet, in the job's placement group if it has one. */
  private static FleetLaunchTemplateOverridesRequest overrides(LaunchRequest request) {
    var overrides =
        FleetLaunchTemplateOverridesRequest.builder()
            .instanceType(request.pool().instanceType())
            .subnetId(request.pool().subnetId());
    if (request.placementGroup() != null) {
      overrides.placement(Placement.builder().groupName(request.placementGroup()).build());
    }
    return overrides.build();
  }

  CreateFleetRequest build(LaunchRequest request, NodeGroup group) {
    return build(request, group, "$Default");
  }

  /**
   * @param templateVersion the launch template version: {@code $Default}, or for an EFA group
   *     the version with the EFA interface (see {@link EfaLaunchTemplates})
   */
  CreateFleetRequest build(LaunchRequest request, NodeGroup group, String templateVersion) {
    int n = request.nodes().size();
    // an explicit split: all on demand, all spot, or the group's on-demand base and spot for the rest
    // a pool bought on demand (a job interrupted on spot too often) overrides its group's option
    int onDemand = "on-demand".equals(request.pool().purchasingOption()) ? n : group.onDemandNodes(n);
    int spot = n - onDemand;
    var capacity =
        TargetCapacitySpecificationRequest.builder()
            .totalTargetCapacity(n)
            .onDemandTargetCapacity(onDemand)
            .spotTargetCapacity(spot)
            .defaultTargetCapacityType(spot > 0 ? DefaultTargetCapacityType.SPOT : DefaultTargetCapacityType.ON_DEMAND);
    var builder =
        CreateFleetRequest.builder()
            .type(FleetType.INSTANT)
            .clientToken(request.clientToken())
            .targetCapacitySpecification(capacity.build())
            .launchTemplateConfigs(
                FleetLaunchTemplateConfigRequest.builder()
                    .launchTemplateSpecification(
                        FleetLaunchTemplateSpecificationRequest.builder()
                            .launchTemplateName(group.launchTemplate())
                            .version(templateVersion)
                            .build())
                    .overrides(overrides(request))
                    .build())
            .tagSpecifications(
                TagSpecification.builder()
                    .resourceType(ResourceType.INSTANCE)
                    .tags(InstanceTags.launchTags(request, group))
                    .build());
    if (spot > 0) {
      builder.spotOptions(
          SpotOptionsRequest.builder()
              // AWS's recommendation for spot: fewest interruptions at a low price
              .allocationStrategy(SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED)
              .minTargetCapacity(spot).singleAvailabilityZone(true).singleInstanceType(true).build());
    }
    if (onDemand > 0) {
      builder.onDemandOptions(
          OnDemandOptionsRequest.builder()
              .allocationStrategy(FleetOnDemandAllocationStrategy.LOWEST_PRICE)
              .minTargetCapacity(onDemand).singleAvailabilityZone(true).singleInstanceType(true).build());
    }
    return builder.build();
  }
}
