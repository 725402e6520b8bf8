package org.burstflow.worker.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.time.Clock;
import org.burstflow.activities.analysis.AnalysisActivitiesImpl;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.RawSamplePruner;
import org.burstflow.activities.analysis.history.JobHistoryStore;
import org.burstflow.activities.budget.BudgetActivitiesImpl;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.BudgetRecoveryActivitiesImpl;
import org.burstflow.activities.budget.OpenHolds;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.SacctJobEndLookup;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.cloud.AwsPluginConfigImport;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.LaunchPlanner;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.activities.export.PerformanceExportActivitiesImpl;
import io.temporal.client.WorkflowClient;
import java.util.Set;
import org.burstflow.activities.report.CauseLessons;
import org.burstflow.activities.report.DeliveryPolicy;
import org.burstflow.activities.report.DigestComposer;
import org.burstflow.activities.report.DigestEntries;
import org.burstflow.activities.report.OptOutTokens;
import org.burstflow.activities.report.PreferenceLinks;
import org.burstflow.activities.report.ReportActivitiesImpl;
import org.burstflow.activities.report.ReportCharts;
import org.burstflow.activities.report.ReportDeliveryActivitiesImpl;
import org.burstflow.activities.report.ReportMailer;
import org.burstflow.activities.report.ReportPreferences;
import org.burstflow.activities.report.ReportRenderer;
import org.burstflow.activities.report.ReportStore;
import org.burstflow.activities.report.TemporalDigestQueue;
import org.burstflow.activities.slurm.NodePartitionActivitiesImpl;
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

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ActivityConfig.class);

  @Bean
  List<NodeGroup> nodeGroups(BurstflowProperties props) {
    List<BurstflowProperties.NodeGroupConfig> configured =
        props.ec2() == null || props.ec2().nodeGroups() == null ? List.of() : props.ec2().nodeGroups();
    List<NodeGroup> groups = new ArrayList<>(configured.stream()
        .map(g -> new NodeGroup(
            g.name() == null ? g.partition() : g.name(),
            g.partition(),
            g.instanceTypes() == null ? List.of() : g.instanceTypes().stream()
                .map(t -> new NodeGroup.InstanceOffer(t.type(), t.hourlyPrice())).toList(),
            g.subnetIds(),
            g.launchTemplate(),
            g.purchasingOption(),
            g.placementGroup(),
            g.onDemandBase(),
            g.efa()))
        .toList());
    if (props.ec2() != null && props.ec2().awsPluginPartitionsFile() != null) {
      groups.addAll(importedNodeGroups(props.ec2()));
    }
    return List.copyOf(groups);
  }

  /** The node groups of an aws-plugin-for-slurm file; a file it cannot take stops the start-up. */
  static List<NodeGroup> importedNodeGroups(BurstflowProperties.Ec2 ec2) {
    Path file = ec2.awsPluginPartitionsFile();
    AwsPluginConfigImport.Result result;
    try {
      result = AwsPluginConfigImport.read(Files.readString(file), prices(ec2.hourlyPrices()));
    } catch (IOException e) {
      throw new IllegalStateException("burstflow.ec2.aws-plugin-partitions-file " + file + ": " + e, e);
    } catch (AwsPluginConfigImport.InvalidConfig e) {
      throw new IllegalStateException("burstflow.ec2.aws-plugin-partitions-file " + file + ": " + e.getMessage()
          + " (prices: burstflow.ec2.hourly-prices.<type>)", e);
    }
    if (result.region() != null && !result.region().equals(ec2.region())) {
      throw new IllegalStateException("burstflow.ec2.aws-plugin-partitions-file " + file + ": its node groups are in "
          + result.region() + " but burstflow.ec2.region is " + ec2.region());
    }
    result.notes().forEach(n -> log.info("{}: {}", file, n));
    return result.nodeGroups();
  }

  private static Map<String, java.math.BigDecimal> prices(Map<String, String> configured) {
    Map<String, java.math.BigDecimal> prices = new HashMap<>();
    (configured == null ? Map.<String, String>of() : configured).forEach((type, price) -> {
      try {
        prices.put(type, new java.math.BigDecimal(price.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("burstflow.ec2.hourly-prices." + type + ": not a price: '" + price + "'");
      }
    });
    return prices;
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
  NodePartitionActivitiesImpl nodePartitionActivities(SlurmCommands slurmCommands) {
    return new NodePartitionActivitiesImpl(slurmCommands);
  }

  @Bean
  SlurmActivitiesImpl slurmActivities(SlurmCommands slurmCommands, BurstflowProperties props) {
    return new SlurmActivitiesImpl(slurmCommands, slurmZone(props));
  }

  /** Served on the Slurm queue: it writes on the Slurm host and sets the AdminComment with sacctmgr. */
  @Bean
  PerformanceExportActivitiesImpl performanceExportActivities(SlurmCommands slurmCommands, BurstflowProperties props) {
    BurstflowProperties.Export export = props.export();
    return new PerformanceExportActivitiesImpl(
        new PerformanceExportActivitiesImpl.Settings(export.enabled(), export.performanceDir(), export.adminComment(),
            props.ec2().region(), PerformanceExportActivitiesImpl.class.getPackage().getImplementationVersion()),
        slurmCommands);
  }

  private static ZoneId slurmZone(BurstflowProperties props) {
    return props.slurm().timeZone() == null || props.slurm().timeZone().isBlank()
        ? ZoneId.systemDefault()
        : ZoneId.of(props.slurm().timeZone());
  }

  @Bean
  CloudNodeActivitiesImpl cloudNodeActivities(
      Ec2Client ec2, List<NodeGroup> nodeGroups, BurstflowProperties props) {
    return new CloudNodeActivitiesImpl(
        ec2, nodeGroups, new LaunchPlanner(props.ec2().poolCoolDown(), Clock.systemUTC()));
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
      rates.putIfAbsent(g.partition(), new PartitionRate.Burst(g.instanceTypes().get(0).type(), g.hourlyPrice()));
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
  ReportStore reportStore(DataSource dataSource) {
    return new ReportStore(dataSource);
  }

  @Bean
  CauseLessons causeLessons(BurstflowProperties props) {
    return new CauseLessons(props.report().lessons(), props.report().causeLinks());
  }

  @Bean
  OptOutTokens optOutTokens(BurstflowProperties props) {
    return new OptOutTokens(props.report().optOutSecret());
  }

  @Bean
  PreferenceLinks preferenceLinks(BurstflowProperties props, OptOutTokens tokens) {
    return new PreferenceLinks(props.report().publicUrl(), tokens);
  }

  @Bean
  ReportPreferences reportPreferences(DataSource dataSource, BurstflowProperties props) {
    return new ReportPreferences(dataSource, props.report().defaultMode());
  }

  @Bean
  ReportMailer reportMailer(BurstflowProperties props, PreferenceLinks links) {
    BurstflowProperties.Mail mail = props.mail();
    return new ReportMailer(mail.smtpHost(), mail.smtpPort(), mail.from(), links);
  }

  @Bean
  ReportActivitiesImpl reportActivities(ReportStore store, ReportMailer mailer, CauseLessons lessons,
      BurstflowProperties props) {
    return new ReportActivitiesImpl(
        new ReportRenderer(slurmZone(props), lessons),
        new ReportCharts(props.analysis().gpuSpoolDir()),
        store,
        mailer,
        props.mail().domain());
  }

  @Bean
  ReportDeliveryActivitiesImpl reportDeliveryActivities(ReportStore store, ReportPreferences preferences,
      WorkflowClient client, DataSource dataSource, CauseLessons lessons, PreferenceLinks links,
      ReportMailer mailer, BurstflowProperties props) {
    BurstflowProperties.Report r = props.report();
    DeliveryPolicy policy = new DeliveryPolicy(
        Set.copyOf(r.emailPartitions() == null ? List.of() : r.emailPartitions()),
        Set.copyOf(r.emailJobClasses()), r.perJobWindow(), r.minInterval());
    return new ReportDeliveryActivitiesImpl(store, preferences, policy, new TemporalDigestQueue(client),
        new DigestEntries(dataSource), new DigestComposer(lessons, links), mailer);
  }

  @Bean
  JobHistoryStore jobHistoryStore(DataSource dataSource) {
    return new JobHistoryStore(dataSource);
  }

  @Bean
  AnalysisActivitiesImpl analysisActivities(JobHistoryStore history, BurstflowProperties props) {
    BurstflowProperties.Analysis a = props.analysis();
    AnalysisSettings settings = new AnalysisSettings(a.minSamplesPerGpu(), a.minRuntime().toMillis() / 1000.0,
        a.idleUtilPct(), a.busyUtil(), a.gpuBillingFactor(), a.gpuHourPrice(), a.coreHourPrice(), a.currency());
    return new AnalysisActivitiesImpl(history, a.gpuSpoolDir(), settings,
        new RawSamplePruner(a.rawSampleRetention(), Clock.systemUTC()));
  }
}
