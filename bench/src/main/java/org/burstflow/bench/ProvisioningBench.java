package org.burstflow.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.burstflow.activities.cloud.CloudNodeActivitiesImpl;
import org.burstflow.activities.cloud.LaunchPlanner;
import org.burstflow.activities.cloud.NodeGroup;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.provisioning.NodeProvisioningWorkflow;
import org.burstflow.contracts.provisioning.ProvisioningRequest;
import org.burstflow.workflows.provisioning.NodeProvisioningWorkflowImpl;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Provisioning against the dev stack (dev/up with the infra option: moto and the Temporal test
 * server), with the provisioning workflow and the EC2 activities of this build in this JVM.
 *
 * <ol>
 *   <li>Latency: 200 single-node launches one after the other, from the start of the
 *       provisioning workflow (what the resume hook's signal leads to) to the moment CreateFleet
 *       is sent; beside it, CreateFleet's own round trip to moto for the same calls.
 *   <li>Throughput: 200 single-node launches started at once through one worker, instances per
 *       second until every launch has returned its running instance; beside it, 200 CreateFleet
 *       calls of the same shape sent at once straight to moto.
 * </ol>
 *
 * The dev Slurm has only four cloud nodes, so nodes are synthetic ({@code bench-<n>}) and the
 * workflows are started directly rather than through sbatch and the resume hook. Everything
 * launched is terminated at the end.
 */
public final class ProvisioningBench {

  private static final int LAUNCHES = 200;
  private static final int DIRECT_THREADS = 16;

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    // the Temporal client's threads would keep the JVM alive
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> env = readEnv(Path.of(args.length > 0 ? args[0] : "dev/run/worker.env"));
    String temporal = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    String cluster = "bench" + UUID.randomUUID().toString().substring(0, 6);
    Ec2Client moto = Ec2Client.builder()
        .endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .build();
    TimedEc2Client ec2 = new TimedEc2Client(moto);
    String subnet = env.get("BURSTFLOW_EC2_SUBNET_ID");
    String template = env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE");
    NodeGroup group = new NodeGroup("bench", "bench", "c5.large", subnet, template, "on-demand", new BigDecimal("0.085"));

    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    WorkflowClient client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.CORE, WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(LAUNCHES).build());
    worker.registerWorkflowImplementationTypes(NodeProvisioningWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CloudNodeActivitiesImpl(ec2, List.of(group), new LaunchPlanner(Duration.ofMinutes(10), Clock.systemUTC())));
    factory.start();
    System.out.printf("provisioning benchmark: %d launches, cluster tag %s, Temporal %s, EC2 %s%n",
        LAUNCHES, cluster, temporal, env.get("BURSTFLOW_EC2_ENDPOINT"));
    try {
      warmUp(client, ec2, cluster);
      // throughput first: moto filters instances by scanning every one it holds, so each phase
      // is measured with the fewest instances that the run has created by then
      throughput(client, moto, cluster, subnet, template);
      latency(client, ec2, cluster);
    } finally {
      int terminated = terminateAll(moto, cluster);
      System.out.printf("terminated %d instances of %s%n", terminated, cluster);
      factory.shutdownNow();
      service.shutdownNow();
      moto.close();
    }
  }

  /** JIT, connections and moto's first fleet, outside the measurements. */
  private static void warmUp(WorkflowClient client, TimedEc2Client ec2, String cluster) {
    for (int i = 0; i < 5; i++) {
      provision(client, request(cluster, 900_000 + i)).getResult(LaunchedNodes.class);
    }
  }

  private static void latency(WorkflowClient client, TimedEc2Client ec2, String cluster) {
    Latencies toSend = new Latencies();
    Latencies roundTrip = new Latencies();
    for (int i = 1; i <= LAUNCHES; i++) {
      ProvisioningRequest request = request(cluster, i);
      long start = System.nanoTime();
      provision(client, request).getResult(LaunchedNodes.class);
      TimedEc2Client.FleetCall call = ec2.call(request.lifecycleWorkflowId() + "-1-0");
      toSend.add(call.sentNanos() - start);
      roundTrip.add(call.roundTripNanos());
    }
    Latencies send = Latencies.merge(List.of(toSend));
    Latencies ec2Only = Latencies.merge(List.of(roundTrip));
    System.out.printf("start of provisioning -> CreateFleet sent: median %.1f ms, p99 %.1f ms%n",
        send.quantileMillis(0.5), send.quantileMillis(0.99));
    System.out.printf("CreateFleet round trip (baseline):        median %.1f ms, p99 %.1f ms%n",
        ec2Only.quantileMillis(0.5), ec2Only.quantileMillis(0.99));
    System.out.printf("ratio: median %.2f, p99 %.2f%n",
        send.quantileMillis(0.5) / ec2Only.quantileMillis(0.5), send.quantileMillis(0.99) / ec2Only.quantileMillis(0.99));
  }

  private static void throughput(WorkflowClient client, Ec2Client moto, String cluster, String subnet, String template)
      throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<LaunchedNodes>> launches = new ArrayList<>();
    for (int i = 1; i <= LAUNCHES; i++) {
      launches.add(provision(client, request(cluster, 10_000 + i)).getResultAsync(LaunchedNodes.class));
    }
    int instances = 0;
    for (CompletableFuture<LaunchedNodes> f : launches) {
      instances += f.get().nodes().size();
    }
    double burstflowSeconds = (System.nanoTime() - start) / 1e9;
    double rate = instances / burstflowSeconds;
    System.out.printf("%d concurrent single-node launches through one worker: %d instances in %.1f s = %.1f instances/s%n",
        LAUNCHES, instances, burstflowSeconds, rate);

    // the baseline sends its 200 calls through 16 threads. Note: moto's /24 dev subnet runs out
    // of addresses after about 250 instances (terminated ones keep theirs), after which every
    // CreateFleet fails with HTTP 500; see the README
    ExecutorService pool = Executors.newFixedThreadPool(DIRECT_THREADS);
    long directStart = System.nanoTime();
    List<Future<Integer>> direct = new ArrayList<>();
    for (int i = 1; i <= LAUNCHES; i++) {
      int n = i;
      direct.add(pool.submit(() -> directLaunch(moto, directFleet(cluster, n, subnet, template))));
    }
    int directInstances = 0;
    try {
      for (Future<Integer> f : direct) {
        directInstances += f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      pool.shutdownNow();
      System.out.printf("baseline failed, no ratio: %s%n", e.getCause());
      return;
    }
    double directSeconds = (System.nanoTime() - directStart) / 1e9;
    pool.shutdown();

    double directRate = directInstances / directSeconds;
    System.out.printf("%d CreateFleet calls straight to EC2 from %d threads (baseline): %d instances in %.1f s = %.1f instances/s%n",
        LAUNCHES, DIRECT_THREADS, directInstances, directSeconds, directRate);
    System.out.printf("ratio: %.2f of the baseline's rate%n", rate / directRate);
  }

  /**
   * One CreateFleet, retried with the same ClientToken on a server error as burstflow's activity
   * retry policy does.
   */
  private static int directLaunch(Ec2Client moto, CreateFleetRequest request) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return moto.createFleet(request).instances().stream().mapToInt(x -> x.instanceIds().size()).sum();
      } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
        if (e.statusCode() < 500 || attempt == 10) {
          throw e;
        }
        Thread.sleep(200L * attempt);
      }
    }
  }

  /** The same shape burstflow sends for one node: instant, one type, one subnet, tagged. */
  private static CreateFleetRequest directFleet(String cluster, int n, String subnet, String template) {
    return CreateFleetRequest.builder()
        .type(FleetType.INSTANT)
        .clientToken(cluster + "-direct-" + n)
        .targetCapacitySpecification(t -> t.totalTargetCapacity(1).onDemandTargetCapacity(1).spotTargetCapacity(0)
            .defaultTargetCapacityType(DefaultTargetCapacityType.ON_DEMAND))
        .onDemandOptions(o -> o.minTargetCapacity(1).singleAvailabilityZone(true).singleInstanceType(true))
        .launchTemplateConfigs(c -> c
            .launchTemplateSpecification(s -> s.launchTemplateName(template).version("$Default"))
            .overrides(o -> o.instanceType("c5.large").subnetId(subnet)))
        .tagSpecifications(s -> s.resourceType(ResourceType.INSTANCE).tags(
            Tag.builder().key("ManagedBy").value("burstflow").build(),
            Tag.builder().key("Cluster").value(cluster).build()))
        .build();
  }

  private static ProvisioningRequest request(String cluster, long job) {
    JobKey key = new JobKey(cluster, job);
    return new ProvisioningRequest(key, key.lifecycleWorkflowId(), 1, "bench", List.of("bench-" + job));
  }

  private static WorkflowStub provision(WorkflowClient client, ProvisioningRequest request) {
    WorkflowStub stub = client.newUntypedWorkflowStub("NodeProvisioningWorkflow",
        WorkflowOptions.newBuilder()
            .setWorkflowId(NodeProvisioningWorkflow.workflowId(request))
            .setTaskQueue(TaskQueues.CORE)
            .build());
    stub.start(request);
    return stub;
  }

  private static int terminateAll(Ec2Client moto, String cluster) {
    List<String> ids = moto.describeInstancesPaginator(r -> r.filters(
            f -> f.name("tag:Cluster").values(cluster), f -> f.name("instance-state-name").values("pending", "running")))
        .reservations().stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + 500));
      moto.terminateInstances(r -> r.instanceIds(batch));
    }
    return ids.size();
  }

  private static Map<String, String> readEnv(Path file) throws Exception {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: bring the dev stack up first (dev/up --infra)");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      if (l.startsWith("export ")) {
        l = l.substring("export ".length());
      }
      if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
        continue;
      }
      values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1).replaceAll("^[\"']|[\"']$", ""));
    }
    return values;
  }

  private ProvisioningBench() {}
}
