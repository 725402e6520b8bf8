package org.burstflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The burstflow worker of this build, whole (hook endpoint, both task queues, ledger, EC2 and
 * Slurm activities), started in the benchmark's JVM against the dev stack with its dev profile.
 * It serves a cluster name of its own: its instances carry that name in their Cluster tag, so
 * the dev node agent (which boots slurmd only for Cluster=dev) and any other sweep leave them
 * alone, and its workflow ids cannot meet those of a real dev job.
 */
final class BenchWorker {

  static ConfigurableApplicationContext start(Map<String, String> workerEnv, String cluster, Path spoolDir) {
    System.setProperty("aws.accessKeyId", workerEnv.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", workerEnv.get("AWS_SECRET_ACCESS_KEY"));
    Map<String, Object> env = new HashMap<>(workerEnv);
    // settings application.yaml sets itself must come as arguments: default properties lose to it
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--burstflow.cluster=" + cluster,
        "--burstflow.hooks.spool-dir=" + spoolDir.toAbsolutePath(),
        // nothing of this worker's may act on its own during the measurements
        "--burstflow.sweep.enabled=false",
        "--burstflow.spot.queue-url="));
    return new SpringApplicationBuilder(BurstflowWorkerApplication.class)
        .profiles("dev")
        .properties(env)
        .run(args.toArray(String[]::new));
  }

  static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  private BenchWorker() {}
}
