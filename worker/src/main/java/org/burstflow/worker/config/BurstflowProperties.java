package org.burstflow.worker.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every burstflow setting ({@code burstflow.*} in application.yaml, or BURSTFLOW_* environment
 * variables).
 *
 * @param cluster the Slurm ClusterName this service serves; hook events for another are refused
 */
@ConfigurationProperties("burstflow")
public record BurstflowProperties(
    String cluster, Mail mail, Slurm slurm, Ec2 ec2, Budget budget, Hooks hooks, Sweep sweep,
    Analysis analysis, Api api, @DefaultValue Portal portal, Spot spot, Report report,
    @DefaultValue Export export) {

  @ConstructorBinding
  public BurstflowProperties {}

  /** Settings without the portal, spot and report sections (tests of other parts). */
  public BurstflowProperties(
      String cluster, Mail mail, Slurm slurm, Ec2 ec2, Budget budget, Hooks hooks, Sweep sweep,
      Analysis analysis, Api api) {
    this(cluster, mail, slurm, ec2, budget, hooks, sweep, analysis, api, null, null, null, null);
  }

  /** Settings without the export section (tests of other parts). */
  public BurstflowProperties(
      String cluster, Mail mail, Slurm slurm, Ec2 ec2, Budget budget, Hooks hooks, Sweep sweep,
      Analysis analysis, Api api, Portal portal, Spot spot, Report report) {
    this(cluster, mail, slurm, ec2, budget, hooks, sweep, analysis, api, portal, spot, report, null);
  }

  /**
   * The end-of-job export for tools that read ASBX's output (README "Performance feedback
   * export"), done by the worker serving the Slurm task queue.
   *
   * @param enabled false: burst jobs get no performance file and no aws_meta AdminComment
   * @param performanceDir files go to {@code <dir>/<cluster>/job-<id>-performance.json}, mode
   *     0600; created if missing, and a directory that cannot be created fails the export loudly
   * @param adminComment also put the {@code aws_meta:} line in the job's AdminComment (a comment
   *     burstflow did not write, such as jobstats' {@code JS1:}, is kept)
   */
  public record Export(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/var/spool/burstflow/performance") Path performanceDir,
      @DefaultValue("true") boolean adminComment) {}

  /**
   * Spot interruption handling.
   *
   * @param queueUrl the SQS queue EventBridge feeds with EC2's spot, rebalance and state-change
   *     events; empty: no queue is polled (the node watcher's hook still works)
   * @param endpoint SQS endpoint override; empty means the EC2 endpoint's (moto serves both)
   * @param waitTime long-poll wait (SQS allows at most 20 s)
   * @param visibilityTimeout a notice not handled within this is delivered again
   * @param defaults the reaction of partitions without their own
   * @param partitions per partition, overriding {@code defaults} as a whole
   */
  public record Spot(
      String queueUrl,
      String endpoint,
      @DefaultValue("20s") Duration waitTime,
      @DefaultValue("30s") Duration visibilityTimeout,
      @DefaultValue SpotReaction defaults,
      Map<String, SpotReaction> partitions) {}

  /**
   * @param signal sent to the job on a warning so it can checkpoint; empty for none
   * @param batchStepOnly signal only the batch step ({@code scancel --batch})
   * @param checkpointGrace between the signal and the requeue; capped at 90 s after the notice
   * @param onDemandAfter after this many interruptions the job is relaunched on on-demand
   * @param requeueOnRebalance a rebalance recommendation requeues too; else it only drains
   */
  public record SpotReaction(
      @DefaultValue("USR1") String signal,
      @DefaultValue("true") boolean batchStepOnly,
      @DefaultValue("20s") Duration checkpointGrace,
      @DefaultValue("2") int onDemandAfter,
      @DefaultValue("false") boolean requeueOnRebalance) {}

  /**
   * The portal ({@code /portal/**}): who a request comes from, who leads which project, who is
   * support staff, and when repeated inefficiency raises an advisory flag.
   *
   * @param userHeader the header the site's login proxy sets to the authenticated login name
   * @param trustedProxies addresses whose {@code userHeader} is believed (the login proxy's); a
   *     request from anywhere else must bring a token
   * @param supportUsers login names of support staff (flags, exports)
   * @param projectPis Slurm account → login names of its PIs, in addition to the budget
   *     account's {@code principal_investigator}
   * @param tokens personal tokens ({@code Authorization: Bearer}) for scripts reading a user's
   *     own reports; admin and read-only API keys act as support staff
   * @param escalation when repeated inefficiency raises an advisory flag
   */
  public record Portal(
      @DefaultValue("X-Remote-User") String userHeader,
      @DefaultValue({"127.0.0.1", "::1"}) List<String> trustedProxies,
      List<String> supportUsers,
      Map<String, List<String>> projectPis,
      List<UserToken> tokens,
      @DefaultValue Escalation escalation) {}

  /**
   * @param user the login name the token stands for
   * @param key the token, or {@code sha256:<hex>} of it (preferred outside dev)
   */
  public record UserToken(String user, String key) {}

  /**
   * Advisory only: a flag is shown to support staff and to the user, nothing is enforced.
   *
   * @param window how many of a user's most recent GPU jobs are looked at
   * @param threshold how many of them in {@code classes} raise the flag
   * @param classes efficiency classes that count against the threshold
   * @param lookback jobs that ended longer ago than this are not looked at
   */
  public record Escalation(
      @DefaultValue("10") int window,
      @DefaultValue("5") int threshold,
      @DefaultValue({"INEFFICIENT", "WASTED"}) List<String> classes,
      @DefaultValue("30d") Duration lookback) {}

  /**
   * The orphan sweep (one per cluster, started with the service).
   *
   * @param interval time between passes
   * @param gracePeriod instances younger than this are never orphans
   * @param maxLifetime instances older than this are terminated whatever their node does
   * @param passesPerRun passes before the workflow continues as new
   */
  public record Sweep(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5m") Duration interval,
      @DefaultValue("10m") Duration gracePeriod,
      @DefaultValue("14d") Duration maxLifetime,
      @DefaultValue("100") int passesPerRun) {}

  /**
   * @param domain reports go to {@code <slurm user>@<domain>}
   * @param from the sender address of reports
   */
  public record Mail(
      String domain,
      String from,
      @DefaultValue("127.0.0.1") String smtpHost,
      @DefaultValue("25") int smtpPort) {}

  /**
   * @param binDir where scontrol and sacct live (Slurm runs services without a PATH)
   * @param commandTimeout how long one Slurm command may take
   * @param timeZone the zone sacct prints its timestamps in; the service's own by default
   */
  public record Slurm(
      @DefaultValue("/usr/bin") Path binDir,
      @DefaultValue("60s") Duration commandTimeout,
      String timeZone) {}

  /**
   * @param endpoint EC2 endpoint override; empty for AWS itself
   * @param region AWS region of the node groups
   * @param nodeGroups how each burst partition's nodes are launched
   * @param poolCoolDown how long a pool that ran out of capacity goes to the back of plans
   * @param awsPluginPartitionsFile an aws-plugin-for-slurm / ASBX {@code partitions.json} whose
   *     node groups are served besides {@code nodeGroups} (named {@code <partition>-<group>})
   * @param hourlyPrices price per instance-hour (USD) of every instance type of that file, which
   *     has none; strings so that keys like {@code c5.xlarge} bind without brackets
   */
  public record Ec2(
      String endpoint,
      @DefaultValue("us-east-1") String region,
      List<NodeGroupConfig> nodeGroups,
      @DefaultValue("10m") Duration poolCoolDown,
      Path awsPluginPartitionsFile,
      Map<String, String> hourlyPrices) {}

  /**
   * One node group of a burst partition. Pools (instance type × subnet) are tried in the order
   * listed: all types in the first subnet, then the next subnet.
   *
   * @param instanceTypes preferred first, each with its price per instance-hour
   * @param subnetIds one per availability zone to fail over to
   * @param purchasingOption {@code spot}, {@code on-demand}, or {@code mixed}
   * @param placementGroup give each multi-node job a cluster placement group (MPI)
   * @param onDemandBase with {@code mixed}: nodes of each gang on demand, the rest spot
   * @param efa the nodes need EFA: only instance types EC2 says support it are launched, with an
   *     EFA network interface
   */
  public record NodeGroupConfig(
      String name,
      String partition,
      List<InstanceTypeConfig> instanceTypes,
      List<String> subnetIds,
      String launchTemplate,
      @DefaultValue("spot") String purchasingOption,
      @DefaultValue("false") boolean placementGroup,
      @DefaultValue("0") int onDemandBase,
      @DefaultValue("false") boolean efa) {}

  /** An instance type and the price the site charges per instance-hour for it (USD). */
  public record InstanceTypeConfig(String type, BigDecimal hourlyPrice) {}

  /**
   * @param holdBuffer hold = estimate × buffer
   * @param defaultTimeLimit assumed for estimates of jobs without a time limit
   * @param accounts budget accounts created at start-up when missing: Slurm account → limit
   * @param localRates prices of local (non-burst) partitions, by partition name
   * @param recovery when orphaned holds are settled
   */
  public record Budget(
      @DefaultValue("1.2") BigDecimal holdBuffer,
      @DefaultValue("24h") Duration defaultTimeLimit,
      Map<String, BigDecimal> accounts,
      Map<String, LocalRates> localRates,
      @DefaultValue Recovery recovery) {}

  /**
   * ASBA's {@code local_costs} model, per partition; defaults are ASBA's.
   *
   * @param costPerCpuHour per allocated CPU-hour
   * @param costPerNodeHour per allocated node-hour
   * @param costPerGpuHour per allocated GPU-hour
   * @param maintenanceFactor overhead factor (1.3 = +30 %)
   * @param powerCostFactor overhead factor (1.2 = +20 %)
   */
  public record LocalRates(
      @DefaultValue("0.05") BigDecimal costPerCpuHour,
      @DefaultValue("0.10") BigDecimal costPerNodeHour,
      @DefaultValue("2.50") BigDecimal costPerGpuHour,
      @DefaultValue("1.3") BigDecimal maintenanceFactor,
      @DefaultValue("1.2") BigDecimal powerCostFactor) {}

  /**
   * @param grace a hold whose job ended is reconciled from sacct once it is this old
   * @param unknownAfter a hold whose job sacct does not know is released once it is this old
   */
  public record Recovery(
      @DefaultValue("2h") Duration grace, @DefaultValue("48h") Duration unknownAfter) {}

  /**
   * API keys of the REST API ({@code /api/v1/**}). Keys with an empty value are ignored, so a
   * role whose variable is unset simply has no key.
   */
  public record Api(List<ApiKey> keys) {}

  /**
   * @param name who holds the key, for logs
   * @param role {@code hook}, {@code admin} or {@code read-only}
   * @param key the key itself, or {@code sha256:<hex>} of it (preferred outside dev)
   */
  public record ApiKey(String name, String role, String key) {}

  /**
   * @param spoolDir where the hooks spool events the service did not take; replayed from here
   * @param replayInterval how often the spool directory is scanned
   */
  public record Hooks(Path spoolDir, @DefaultValue("5s") Duration replayInterval) {}

  /**
   * Efficiency analysis (defaults argued in efficiency-anchors.md).
   *
   * @param gpuSpoolDir where the nodes' GPU samplers spool, {@code <dir>/<jobid>/<host>.gpu}; the
   *     worker must see the same directory (shared file system)
   * @param rawSampleRetention raw GPU samples older than this are deleted; summaries are kept
   * @param minSamplesPerGpu fewer utilisation samples per GPU is "insufficient data"
   * @param minRuntime a shorter job is "insufficient data"
   * @param idleUtilPct a GPU sample below this utilisation (%) is idle
   * @param busyUtil a GPU with mean utilisation (fraction) at least this is busy
   * @param gpuBillingFactor billed GPU-hours per GPU-hour (LUMI: 0.5 per GCD)
   * @param gpuHourPrice price of a billed GPU-hour for savings; empty = no money figure
   * @param coreHourPrice price of a core-hour for savings; empty = no money figure
   * @param currency of the prices
   */
  public record Analysis(
      @DefaultValue("/var/spool/burstflow/gpu") Path gpuSpoolDir,
      @DefaultValue("7d") Duration rawSampleRetention,
      @DefaultValue("10") int minSamplesPerGpu,
      @DefaultValue("60s") Duration minRuntime,
      @DefaultValue("5") double idleUtilPct,
      @DefaultValue("0.30") double busyUtil,
      @DefaultValue("1.0") double gpuBillingFactor,
      BigDecimal gpuHourPrice,
      BigDecimal coreHourPrice,
      @DefaultValue("EUR") String currency) {}

  /**
   * Report content and e-mail delivery.
   *
   * @param publicUrl the worker's URL as users reach it: links to /preferences and the opt-out
   * @param optOutSecret signs the one-click opt-out links (HMAC-SHA256); at least 16 characters;
   *     changing it invalidates the links in e-mails already sent
   * @param defaultMode e-mail preference of users who never chose: PER_JOB, DAILY, WEEKLY or OFF
   * @param emailPartitions reports of these partitions are e-mailed; empty = any partition
   * @param emailJobClasses reports of these job classes are e-mailed: {@code gpu}, {@code cpu}
   * @param perJobWindow a per-job e-mail waits this long for more reports of the same user, so
   *     that an array's or a burst's jobs arrive as one e-mail
   * @param minInterval at least this long between two e-mails to the same user
   * @param lessons per cause code (e.g. OOM), replaces the default micro-lesson
   * @param causeLinks per cause code, replaces the default documentation link
   */
  public record Report(
      String publicUrl,
      String optOutSecret,
      @DefaultValue("PER_JOB") org.burstflow.contracts.report.DeliveryMode defaultMode,
      List<String> emailPartitions,
      @DefaultValue("gpu") List<String> emailJobClasses,
      @DefaultValue("2m") Duration perJobWindow,
      @DefaultValue("15m") Duration minInterval,
      Map<String, String> lessons,
      Map<String, String> causeLinks) {}
}
