package org.burstflow.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.LedgerBalance;
import org.burstflow.bench.ResumeHook.JobNode;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Provisioning through the whole worker of this build, started in this JVM against the dev stack
 * (dev/up with the infra option; no other worker may run), from the resume hook on:
 * slurm-hooks/resume → POST /api/v1/hooks/resume → signal-with-start of the job's lifecycle →
 * scontrol show job → budget hold in the MariaDB ledger → provisioning child → CreateFleet.
 *
 * <ol>
 *   <li>Throughput: one resume hook call naming 200 single-node jobs (as slurmctld calls its
 *       ResumeProgram once for all the nodes it resumes together), instances per second until
 *       every job's provisioning has returned its running instance; beside it, 200 CreateFleet
 *       calls of the same shape sent at once straight to moto.
 *   <li>Latency: 200 resume hook calls of one job each, one after the other, from the start of
 *       the hook process to the moment the worker's CreateFleet request goes on the wire; beside
 *       it, the HTTP round trip of those same CreateFleet calls.
 * </ol>
 *
 * The jobs are real, submitted held to the cloud partition (so Slurm never runs them); their
 * nodes are synthetic ({@code bench-<jobid>}), the dev Slurm having four cloud nodes. Once a
 * job's provisioning has returned, the lifecycle would give Slurm the node's address, which fails
 * for a synthetic node: the benchmark terminates the lifecycle there. At the end every job is
 * cancelled, every hold released and every instance terminated.
 */
public final class ProvisioningBench {

  private static final int LAUNCHES = 200;
  private static final int WARM_UP = 5;
  private static final int DIRECT_THREADS = 16;
  private static final String ACCOUNT = "research";

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    // the worker's and Temporal client's threads would keep the JVM alive
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> env = readEnv(Path.of(args.length > 0 ? args[0] : "dev/run/worker.env"));
    String cluster = "bench" + UUID.randomUUID().toString().substring(0, 6);
    Path dir = Path.of("bench/target/provisioning");
    deleteTree(dir);
    ConfigurableApplicationContext worker = BenchWorker.start(env, cluster, ResumeHook.spoolDir(dir));
    WorkflowClient client = worker.getBean(WorkflowClient.class);
    HoldLedger ledger = worker.getBean(HoldLedger.class);
    ResumeHook hook = new ResumeHook(Path.of("."), dir, BenchWorker.port(worker), cluster,
        env.get("BURSTFLOW_HOOK_API_KEY"));
    Ec2Client moto = Ec2Client.builder()
        .endpointOverride(URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(Region.of(env.get("AWS_REGION")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .build();
    HeldJobs jobs = new HeldJobs();
    LedgerBalance before = ledger.balance(ACCOUNT);
    Provisioning provisioning = new Provisioning(client, hook, cluster);
    System.out.printf("provisioning benchmark: %d launches, worker cluster name %s on port %d, EC2 %s%n",
        LAUNCHES, cluster, BenchWorker.port(worker), env.get("BURSTFLOW_EC2_ENDPOINT"));
    try {
      List<Long> warmUp = jobs.submit(WARM_UP);
      List<Long> together = jobs.submit(LAUNCHES);
      List<Long> oneByOne = jobs.submit(LAUNCHES);
      System.out.printf("submitted %d held one-node jobs to partition cloud (%d..%d)%n",
          jobs.ids().size(), jobs.ids().get(0), jobs.ids().get(jobs.ids().size() - 1));
      // JIT, connections, moto's first fleets, outside the measurements
      for (long job : warmUp) {
        provisioning.resumeOne(job);
      }
      for (int i = 0; i < WARM_UP; i++) {
        directLaunch(moto, directFleet(cluster, -i, env));
      }
      // throughput first: moto filters instances by scanning every one it holds, so each phase
      // is measured with the fewest instances that the run has created by then
      throughput(provisioning, together, moto, cluster, env);
      latency(provisioning, oneByOne);
      provisioning.reportHookOutcomes();
    } catch (Exception e) {
      // said before the clean-up, which may fail as well and would hide it
      System.out.println("benchmark failed: " + e);
      throw e;
    } finally {
      cleanUp(provisioning, jobs, ledger, moto, cluster, before);
      worker.close();
      moto.close();
    }
  }

  /** Every step runs even if one before it failed, and says what it did. */
  private static void cleanUp(Provisioning provisioning, HeldJobs jobs, HoldLedger ledger, Ec2Client moto,
      String cluster, LedgerBalance before) {
    List<String> done = new ArrayList<>();
    step(done, "lifecycles terminated", () -> provisioning.terminateLifecycles(jobs.ids()));
    step(done, "jobs cancelled", () -> {
      jobs.cancelAll();
      return jobs.ids().size();
    });
    step(done, "holds released", () -> {
      jobs.ids().forEach(id -> ledger.release(new JobKey(cluster, id)));
      return jobs.ids().size();
    });
    step(done, "instances terminated", () -> terminateAll(moto, cluster));
    step(done, ACCOUNT + " held before/after", () -> before.held() + "/" + ledger.balance(ACCOUNT).held());
    System.out.println("clean-up: " + String.join(", ", done));
  }

  private static void step(List<String> done, String what, java.util.concurrent.Callable<Object> step) {
    try {
      done.add(what + " " + step.call());
    } catch (Exception e) {
      done.add(what + " FAILED (" + e + ")");
    }
  }

  private static void throughput(Provisioning provisioning, List<Long> jobs, Ec2Client moto, String cluster,
      Map<String, String> env) throws Exception {
    Provisioning.Burst burst = provisioning.resumeTogether(jobs);
    double seconds = burst.nanos() / 1e9;
    double rate = burst.instances() / seconds;
    System.out.printf("%d one-node jobs in one resume hook call, through one worker: %d instances in %.1f s = %.1f instances/s"
            + " (hook %s in %.2f s, CreateFleet sent from %.1f s to %.1f s)%n",
        jobs.size(), burst.instances(), seconds, rate, burst.hookOutcome(), burst.hookNanos() / 1e9,
        burst.firstSentNanos() / 1e9, burst.lastSentNanos() / 1e9);

    // the baseline: the same CreateFleet calls, straight to moto from 16 threads, retried with
    // the same ClientToken on a server error as burstflow's activity retry policy does
    ExecutorService pool = Executors.newFixedThreadPool(DIRECT_THREADS);
    long start = System.nanoTime();
    List<Future<Integer>> direct = new ArrayList<>();
    for (int i = 1; i <= jobs.size(); i++) {
      CreateFleetRequest request = directFleet(cluster, i, env);
      direct.add(pool.submit(() -> directLaunch(moto, request)));
    }
    int directInstances = 0;
    try {
      for (Future<Integer> f : direct) {
        directInstances += f.get();
      }
    } catch (ExecutionException e) {
      pool.shutdownNow();
      System.out.printf("baseline failed, no ratio: %s%n", e.getCause());
      return;
    }
    double directSeconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double directRate = directInstances / directSeconds;
    System.out.printf("%d CreateFleet calls straight to EC2 from %d threads (baseline): %d instances in %.1f s = %.1f instances/s%n",
        jobs.size(), DIRECT_THREADS, directInstances, directSeconds, directRate);
    System.out.printf("ratio: %.2f of the baseline's rate%n", rate / directRate);
  }

  private static void latency(Provisioning provisioning, List<Long> jobs) throws Exception {
    Latencies toSend = new Latencies();
    Latencies roundTrip = new Latencies();
    Latencies hookProcess = new Latencies();
    for (long job : jobs) {
      Provisioning.Resume resume = provisioning.resumeOne(job);
      toSend.add(resume.toSendNanos());
      roundTrip.add(resume.fleetRoundTripNanos());
      hookProcess.add(resume.hookNanos());
    }
    Latencies send = Latencies.merge(List.of(toSend));
    Latencies ec2 = Latencies.merge(List.of(roundTrip));
    Latencies hookOnly = Latencies.merge(List.of(hookProcess));
    System.out.printf("resume hook call -> CreateFleet sent (%d calls): median %.1f ms, p99 %.1f ms%n",
        send.size(), send.quantileMillis(0.5), send.quantileMillis(0.99));
    System.out.printf("  of which the hook process (bash, curl, HTTP 202): median %.1f ms, p99 %.1f ms%n",
        hookOnly.quantileMillis(0.5), hookOnly.quantileMillis(0.99));
    System.out.printf("CreateFleet round trip, same calls (baseline): median %.1f ms, p99 %.1f ms%n",
        ec2.quantileMillis(0.5), ec2.quantileMillis(0.99));
    System.out.printf("ratio: median %.2f, p99 %.2f%n",
        send.quantileMillis(0.5) / ec2.quantileMillis(0.5), send.quantileMillis(0.99) / ec2.quantileMillis(0.99));
  }

  private static int directLaunch(Ec2Client moto, CreateFleetRequest request) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return moto.createFleet(request).instances().stream().mapToInt(x -> x.instanceIds().size()).sum();
      } catch (Ec2Exception e) {
        if (e.statusCode() < 500 || attempt == 10) {
          throw e;
        }
        Thread.sleep(200L * attempt);
      }
    }
  }

  /** The shape burstflow sends for one node: instant, one type, one subnet, tagged. */
  private static CreateFleetRequest directFleet(String cluster, int n, Map<String, String> env) {
    return CreateFleetRequest.builder()
        .type(FleetType.INSTANT)
        .clientToken(cluster + "-direct-" + n)
        .targetCapacitySpecification(t -> t.totalTargetCapacity(1).onDemandTargetCapacity(1).spotTargetCapacity(0)
            .defaultTargetCapacityType(DefaultTargetCapacityType.ON_DEMAND))
        .onDemandOptions(o -> o.minTargetCapacity(1).singleAvailabilityZone(true).singleInstanceType(true))
        .launchTemplateConfigs(c -> c
            .launchTemplateSpecification(s -> s.launchTemplateName(env.get("BURSTFLOW_EC2_LAUNCH_TEMPLATE"))
                .version("$Default"))
            .overrides(o -> o.instanceType("c5.large").subnetId(env.get("BURSTFLOW_EC2_SUBNET_ID"))))
        .tagSpecifications(s -> s.resourceType(ResourceType.INSTANCE).tags(
            Tag.builder().key("ManagedBy").value("burstflow").build(),
            Tag.builder().key("Cluster").value(cluster).build()))
        .build();
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

  private static Map<String, String> readEnv(Path file) throws IOException {
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

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Resume hook calls and what they lead to in the worker. */
  private static final class Provisioning {

    record Resume(long toSendNanos, long fleetRoundTripNanos, long hookNanos) {}

    record Burst(int instances, long nanos, long firstSentNanos, long lastSentNanos, long hookNanos, String hookOutcome) {}

    private static final long TIMEOUT_SECONDS = 120;

    private final WorkflowClient client;
    private final ResumeHook hook;
    private final String cluster;

    Provisioning(WorkflowClient client, ResumeHook hook, String cluster) {
      this.client = client;
      this.hook = hook;
      this.cluster = cluster;
    }

    Resume resumeOne(long job) throws Exception {
      CompletableFuture<FleetSendTimes.FleetCall> fleet = FleetSendTimes.call(clientToken(job));
      ResumeHook.Invocation call = hook.prepare(List.of(new JobNode(job, node(job))));
      long start = System.nanoTime();
      Process process = call.start();
      process.waitFor();
      long hookNanos = System.nanoTime() - start;
      FleetSendTimes.FleetCall sent = await(fleet, job);
      provisioned(job).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      terminate(job);
      return new Resume(sent.sentNanos() - start, sent.roundTripNanos(), hookNanos);
    }

    Burst resumeTogether(List<Long> jobs) throws Exception {
      List<CompletableFuture<Integer>> launched = new ArrayList<>();
      List<CompletableFuture<FleetSendTimes.FleetCall>> fleets = new ArrayList<>();
      for (long job : jobs) {
        CompletableFuture<FleetSendTimes.FleetCall> fleet = FleetSendTimes.call(clientToken(job));
        fleets.add(fleet);
        launched.add(fleet.thenCompose(sent -> provisioned(job)).thenApply(nodes -> nodes.nodes().size()));
      }
      ResumeHook.Invocation call = hook.prepare(jobs.stream().map(j -> new JobNode(j, node(j))).toList());
      long start = System.nanoTime();
      Process process = call.start();
      process.waitFor();
      long hookNanos = System.nanoTime() - start;
      int instances = 0;
      for (int i = 0; i < jobs.size(); i++) {
        await(fleets.get(i), jobs.get(i));
        instances += launched.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      long nanos = System.nanoTime() - start;
      long firstSent = fleets.stream().mapToLong(f -> f.join().sentNanos()).min().orElseThrow() - start;
      long lastSent = fleets.stream().mapToLong(f -> f.join().sentNanos()).max().orElseThrow() - start;
      // only now: a hook call that was spooled is replayed by the worker and would start a
      // lifecycle terminated before its replay again
      for (long job : jobs) {
        terminate(job);
      }
      return new Burst(instances, nanos, firstSent, lastSent, hookNanos, lastHookOutcome());
    }

    /** How the hook calls went: all delivered at once (HTTP 202), or some spooled for replay. */
    void reportHookOutcomes() throws IOException {
      Map<String, Long> outcomes = Files.readAllLines(hook.log()).stream()
          .collect(Collectors.groupingBy(
              l -> l.replaceAll(".*outcome=(\\S+).*", "$1"), TreeMap::new,
              Collectors.counting()));
      System.out.printf("resume hook calls by outcome: %s%s%n", outcomes,
          outcomes.keySet().equals(Set.of("delivered")) ? "" : " (see " + hook.log() + ")");
    }

    /** Terminates what is still running of these jobs' lifecycles; returns how many were. */
    int terminateLifecycles(List<Long> jobs) {
      int terminated = 0;
      for (long job : jobs) {
        try {
          client.newUntypedWorkflowStub(lifecycleId(job)).terminate("benchmark over");
          terminated++;
        } catch (RuntimeException e) {
          // not started, or already terminated when its provisioning returned
        }
      }
      return terminated;
    }

    private CompletableFuture<LaunchedNodes> provisioned(long job) {
      WorkflowStub child = client.newUntypedWorkflowStub("provision-" + cluster + "-" + job + "-1");
      return child.getResultAsync(LaunchedNodes.class);
    }

    private void terminate(long job) {
      client.newUntypedWorkflowStub(lifecycleId(job)).terminate("benchmark: provisioning measured");
    }

    private FleetSendTimes.FleetCall await(CompletableFuture<FleetSendTimes.FleetCall> fleet, long job)
        throws Exception {
      try {
        return fleet.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        String status;
        try {
          status = String.valueOf(client.newWorkflowStub(JobLifecycleWorkflow.class, lifecycleId(job)).status());
        } catch (RuntimeException q) {
          status = "no status: " + q.getMessage();
        }
        throw new IllegalStateException("no CreateFleet for job " + job + " after " + TIMEOUT_SECONDS
            + " s; lifecycle " + lifecycleId(job) + ": " + status + "; hook log " + hook.log(), e);
      }
    }

    private String lastHookOutcome() throws IOException {
      List<String> lines = Files.readAllLines(hook.log());
      String last = lines.get(lines.size() - 1);
      return last.replaceAll(".*outcome=(\\S+).*", "$1");
    }

    private String lifecycleId(long job) {
      return new JobKey(cluster, job).lifecycleWorkflowId();
    }

    /** ClientToken of the first pool of the first attempt: lifecycle id, attempt, pool index. */
    private String clientToken(long job) {
      return lifecycleId(job) + "-1-0";
    }

    private static String node(long job) {
      return "bench-" + job;
    }
  }

  private ProvisioningBench() {}
}
