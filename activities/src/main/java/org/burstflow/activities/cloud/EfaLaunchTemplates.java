package org.burstflow.activities.cloud;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.burstflow.contracts.FailureTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * The launch template version an EFA node group launches from. CreateFleet cannot put a network
 * interface in its overrides, only a launch template can; so for a group that requires EFA
 * burstflow derives, from the template's default version, a version whose primary interface is
 * of type {@code efa} (with the source's security groups), once, and finds it again by its
 * description after a restart. The subnet still comes from each pool's override.
 */
final class EfaLaunchTemplates {

  private static final Logger log = LoggerFactory.getLogger(EfaLaunchTemplates.class);
  static final String EFA = "efa";

  private final Ec2Client ec2;
  /** template name → derived version; a new default version is picked up on restart. */
  private final Map<String, String> versions = new ConcurrentHashMap<>();

  EfaLaunchTemplates(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** The version number (as CreateFleet takes it) of the template's EFA variant. */
  String efaVersion(String template) {
    return versions.computeIfAbsent(template, this::findOrCreate);
  }

  private String findOrCreate(String template) {
    try {
      LaunchTemplateVersion source = ec2.describeLaunchTemplateVersions(
          r -> r.launchTemplateName(template).versions("$Default")).launchTemplateVersions().get(0);
      String description = "burstflow-efa from version " + source.versionNumber();
      Optional<Long> existing = ec2.describeLaunchTemplateVersionsPaginator(r -> r.launchTemplateName(template))
          .launchTemplateVersions().stream()
          .filter(v -> description.equals(v.versionDescription()))
          .map(LaunchTemplateVersion::versionNumber)
          .findFirst();
      if (existing.isPresent()) {
        return Long.toString(existing.get());
      }
      long created = ec2.createLaunchTemplateVersion(r -> r
              .launchTemplateName(template)
              .sourceVersion(Long.toString(source.versionNumber()))
              .versionDescription(description)
              // the same client token on a retry of a lost answer returns the same version
              .clientToken(template + "-efa-" + source.versionNumber())
              // ImageId repeated from the source: harmless on EC2, and moto does not merge
              // SourceVersion's data into the new version
              .launchTemplateData(d -> d.imageId(source.launchTemplateData().imageId())
                  .networkInterfaces(efaInterface(template, source.launchTemplateData()))))
          .launchTemplateVersion().versionNumber();
      log.info("launch template {}: version {} has an EFA interface ({})", template, created, description);
      return Long.toString(created);
    } catch (Ec2Exception e) {
      throw Ec2ErrorClassifier.classify(e);
    }
  }

  /**
   * Device 0 of type efa, in the source's security groups. A template with instance-level
   * security groups cannot take a network interface (EC2 refuses both at once), and a derived
   * version can only add to its source, not remove from it: such a template is a configuration
   * error, said plainly.
   */
  static LaunchTemplateInstanceNetworkInterfaceSpecificationRequest efaInterface(
      String template, ResponseLaunchTemplateData source) {
    List<String> groups = List.of();
    if (source != null && source.hasNetworkInterfaces()) {
      groups = source.networkInterfaces().stream()
          .filter(n -> n.deviceIndex() == null || n.deviceIndex() == 0)
          .findFirst()
          .map(LaunchTemplateInstanceNetworkInterfaceSpecification::groups)
          .orElse(List.of());
    } else if (source != null && source.hasSecurityGroupIds() && !source.securityGroupIds().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "(Code:InvalidLaunchTemplate)launch template " + template + " sets SecurityGroupIds at instance level; "
              + "an EFA node group needs them on the template's network interface 0 instead",
          FailureTypes.BAD_INPUT);
    }
    return LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.builder()
        .deviceIndex(0)
        .interfaceType(EFA)
        .deleteOnTermination(true)
        .groups(groups)
        .build();
  }
}
