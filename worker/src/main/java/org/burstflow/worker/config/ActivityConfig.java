package org.burstflow.worker.config;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.burstflow.activities.budget.BudgetActivitiesImpl;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.BudgetRecoveryActivitiesImpl;
import org.burstflow.activities.budget.OpenHolds;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.SacctJobEndLookup;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.activities.report.ReportActivitiesImpl;
import org.burstflow.activities.report.ReportMailer;
import org.burstflow.activities.report.ReportRenderer;
import org.burstflow.activities.report.ReportStore;
import org.burstflow.activities.slurm.SlurmActivitiesImpl;
import org.burstflow.activities.slurm.SlurmCommands;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * Builds the activity implementations (plain classes in {@code activities/}) from configuration.
 * Bean names are the ones listed under {@code spring.temporal.workers[].activity-beans}.
 */
@Configuration
@EnableConfigurationProperties(BurstflowProperties.class)
public class ActivityConfig {

  @Bean
  List<NodeGroup> nodeGroups(BurstflowProperties props) {
    List<BurstflowProperties.NodeGroupConfig> configured =
        props.ec2() == null || props.ec2().nodeGroups() == null ? List.of() : props.ec2().nodeGroups();
    return configured.stream()
        .map(g -> new NodeGroup(
            g.name() == null ? g.partition() : g.name(), g.partition(), g.instanceType(), g.subnetId(),
            g.launchTemplate(), g.purchasingOption(), g.hourlyPrice()))
        .toList();
  }

  /** The real AWS SDK client; only the endpoint differs between AWS and a local emulator. */
  @Bean(destroyMethod = "close")
  Ec2Client ec2Client(BurstflowProperties props) {
    Ec2ClientBuilder builder =
        Ec2Client.builder()
            .region(Region.of(props.ec2().region()))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (props.ec2().endpoint() != null && !props.ec2().endpoint().isBlank()) {
      builder.endpointOverride(URI.create(props.ec2().endpoint()));
    }
    return builder.build();
  }

  @Bean
  HoldLedger holdLedger(DataSource dataSource) {
    return new HoldLedger(dataSource);
  }

  @Bean
  SlurmCommands slurmCommands(BurstflowProperties props) {
    return new SlurmCommands(props.slurm().binDir(), props.slurm().commandTimeout());
  }

  @Bean
  SlurmActivitiesImpl slurmActivities(SlurmCommands slurmCommands, BurstflowProperties props) {
    return new SlurmActivitiesImpl(slurmCommands, slurmZone(props));
  }

  private static ZoneId slurmZone(BurstflowProperties props) {
    return props.slurm().timeZone() == null || props.slurm().timeZone().isBlank()
        ? ZoneId.systemDefault()
        : ZoneId.of(props.slurm().timeZone());
  }

  @Bean
  CloudNodeActivitiesImpl cloudNodeActivities(Ec2Client ec2, List<NodeGroup> nodeGroups) {
    return new CloudNodeActivitiesImpl(ec2, nodeGroups);
  }

  /** Burst partitions are priced by their (first) node group, local ones by their rates. */
  @Bean
  PartitionPricing partitionPricing(List<NodeGroup> nodeGroups, BurstflowProperties props) {
    Map<String, PartitionRate> rates = new HashMap<>();
    Map<String, BurstflowProperties.LocalRates> local =
        props.budget().localRates() == null ? Map.of() : props.budget().localRates();
    local.forEach((partition, r) -> rates.put(partition, new PartitionRate.Local(
        r.costPerCpuHour(), r.costPerNodeHour(), r.costPerGpuHour(), r.maintenanceFactor(), r.powerCostFactor())));
    for (NodeGroup g : nodeGroups) {
      if (rates.containsKey(g.partition()) && local.containsKey(g.partition())) {
        throw new IllegalStateException("partition " + g.partition() + " has both a node group and local rates");
      }
      rates.putIfAbsent(g.partition(), new PartitionRate.Burst(g.instanceType(), g.hourlyPrice()));
    }
    return new PartitionPricing(rates);
  }

  @Bean
  BudgetActivitiesImpl budgetActivities(HoldLedger ledger, PartitionPricing pricing, BurstflowProperties props) {
    return new BudgetActivitiesImpl(
        ledger, pricing, props.budget().holdBuffer(), props.budget().defaultTimeLimit());
  }

  @Bean
  BudgetRecovery budgetRecovery(HoldLedger ledger, DataSource dataSource, PartitionPricing pricing,
      BurstflowProperties props, SlurmCommands slurmCommands) {
    return new BudgetRecovery(ledger, new OpenHolds(dataSource),
        new SacctJobEndLookup(slurmCommands, slurmZone(props)), pricing, props.cluster(), props.budget().recovery().grace(), props.budget().recovery().unknownAfter(),
        Clock.systemUTC());
  }

  @Bean
  BudgetRecoveryActivitiesImpl budgetRecoveryActivities(BudgetRecovery recovery) {
    return new BudgetRecoveryActivitiesImpl(recovery);
  }

  @Bean
  ReportActivitiesImpl reportActivities(DataSource dataSource, BurstflowProperties props) {
    BurstflowProperties.Mail mail = props.mail();
    return new ReportActivitiesImpl(
        new ReportRenderer(),
        new ReportStore(dataSource),
        new ReportMailer(mail.smtpHost(), mail.smtpPort(), mail.from()),
        mail.domain());
  }
}
