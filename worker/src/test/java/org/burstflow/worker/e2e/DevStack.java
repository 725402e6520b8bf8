package org.burstflow.worker.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The running dev stack (dev/up with the infra option), as the end-to-end tests use it. */
public final class DevStack {

  public static final Path REPO = findRepo();
  public static final Path WORKER_ENV = REPO.resolve("dev/run/worker.env");
  public static final Path HOOKS_CONF = Path.of("/etc/burstflow/hooks.conf");

  /** {@code export KEY=VALUE} lines of a shell-sourceable file. */
  public static Map<String, String> readEnvFile(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: bring the dev stack up first (dev/up --infra)");
    }
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
          continue;
        }
        if (l.startsWith("export ")) {
          l = l.substring("export ".length());
        }
        String key = l.substring(0, l.indexOf('='));
        String value = l.substring(l.indexOf('=') + 1).replaceAll("^[\"']|[\"']$", "");
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
  public static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes());
      String err = new String(p.getErrorStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + err + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the supplier returns non-null, or fails with what was awaited. */
  public static <T> T await(String what, Duration timeout, Supplier<T> check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> errors = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        T value = check.get();
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        errors.add(e.getMessage());
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what
        + (errors.isEmpty() ? "" : "; last error: " + errors.get(errors.size() - 1)));
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The EC2 client of the dev stack's moto, from dev/run/worker.env. */
  public static software.amazon.awssdk.services.ec2.Ec2Client ec2Client() {
    Map<String, String> env = readEnvFile(WORKER_ENV);
    return software.amazon.awssdk.services.ec2.Ec2Client.builder()
        .endpointOverride(java.net.URI.create(env.get("BURSTFLOW_EC2_ENDPOINT")))
        .region(software.amazon.awssdk.regions.Region.of(env.get("AWS_REGION")))
        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
        .build();
  }

  /** When each job of this run was submitted, to tell it from an older job with the same id. */
  private static final Map<Long, java.time.LocalDateTime> SUBMITTED = new java.util.concurrent.ConcurrentHashMap<>();

  /** sbatch --parsable with its output kept out of the working directory; returns the job id. */
  public static long submit(String... args) {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "--output=/tmp/burstflow-e2e-%j.out"));
    argv.addAll(List.of(args));
    java.time.LocalDateTime before = java.time.LocalDateTime.now().minusSeconds(2).withNano(0);
    long jobId = Long.parseLong(run(argv.toArray(String[]::new)).strip().split(";")[0]);
    SUBMITTED.put(jobId, before);
    return jobId;
  }

  /**
   * Cloud nodes an earlier aborted run left down (ResumeTimeout reached while no worker ran) stay
   * down~ for good: clear them so they power down normally.
   */
  public static void resumeDownCloudNodes() {
    run("scancel", "--partition=cloud");
    for (String line : run("sinfo", "-h", "-p", "cloud", "-o", "%t %N").strip().split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length == 2 && (f[0].startsWith("down") || f[0].startsWith("drain"))) {
        run("scontrol", "update", "nodename=" + f[1], "state=resume");
      }
    }
  }

  /**
   * Cancels leftover cloud jobs and waits until every cloud node is powered down, so the next
   * cloud job resumes (and launches) nodes of its own rather than landing on nodes a previous
   * job left idle.
   */
  public static void awaitCloudNodesPoweredDown() {
    // a job left by an aborted earlier run would take the next launch's nodes (and faults)
    run("scancel", "--partition=cloud");
    await("cloud nodes powered down", Duration.ofMinutes(3), () -> {
      String states = run("sinfo", "-h", "-p", "cloud", "-o", "%t").strip();
      return states.lines().allMatch(s -> s.equals("idle~")) ? true : null;
    });
  }

  /** The job's nodes once it runs, else null. */
  public static String runningNodes(long jobId) {
    String out = run("squeue", "-h", "-j", Long.toString(jobId), "-o", "%T %N").strip();
    return out.startsWith("RUNNING ") ? out.substring("RUNNING ".length()) : null;
  }

  /**
   * The job's terminal state per sacct, else null. Only records submitted since this run's
   * sbatch count: a reset Slurm may reuse the id of a job the accounting database already has.
   */
  public static String finalState(long jobId) {
    java.time.LocalDateTime since = SUBMITTED.getOrDefault(jobId, java.time.LocalDateTime.MIN);
    String out = run("sacct", "-X", "-n", "-P", "-D", "-j", Long.toString(jobId), "-o", "Submit,State").strip();
    String state = out.lines()
        .map(l -> l.split("\\|", -1))
        .filter(f -> f.length == 2 && !java.time.LocalDateTime.parse(f[0]).isBefore(since))
        .map(f -> f[1].split(" ")[0])
        .reduce((first, last) -> last)
        .orElse("");
    return List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY").contains(state)
        ? state : null;
  }

  private static Path findRepo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("dev/up"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (dev/up) from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  private DevStack() {}
}
