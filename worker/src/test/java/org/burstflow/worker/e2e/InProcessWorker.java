package org.burstflow.worker.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker in the test's JVM, against the dev stack (dev/up with the infra option), mailing to
 * the test's own SMTP port, so a test can stop and restart it.
 */
public final class InProcessWorker {

  public static ConfigurableApplicationContext start(int smtpPort, Class<?>... extraConfiguration) {
    return start(smtpPort, Map.of(), extraConfiguration);
  }

  /** With extra properties, e.g. a short orphan-sweep grace period. */
  public static ConfigurableApplicationContext start(
      int smtpPort, Map<String, Object> extraProperties, Class<?>... extraConfiguration) {
    Map<String, String> env = DevStack.readEnvFile(DevStack.WORKER_ENV);
    Map<String, String> hooks = DevStack.readEnvFile(DevStack.HOOKS_CONF);
    System.setProperty("aws.accessKeyId", env.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", env.get("AWS_SECRET_ACCESS_KEY"));
    Map<String, Object> props = new HashMap<>(env);
    props.put("BURSTFLOW_SMTP_PORT", smtpPort);
    props.put("BURSTFLOW_SPOOL_DIR", hooks.get("BURSTFLOW_SPOOL_DIR"));
    // settings application.yaml sets itself must come as arguments: default properties lose to it
    Map<String, Object> overrides = new HashMap<>(Map.of("burstflow.hooks.replay-interval", "1s"));
    overrides.putAll(extraProperties);
    String[] args = overrides.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    Class<?>[] sources = Stream.concat(Stream.of(BurstflowWorkerApplication.class), Stream.of(extraConfiguration))
        .toArray(Class<?>[]::new);
    return new SpringApplicationBuilder(sources).profiles("dev").properties(props).run(args);
  }

  /** Hook body for a resume of these nodes for one job, as slurm-hooks/resume sends it. */
  public static String resumeBody(long jobId, String nodes) {
    return "{\"cluster\":\"dev\",\"hostlist\":\"" + nodes + "\",\"resume_file\":{\"jobs\":[{\"job_id\":"
        + jobId + ",\"nodes\":\"" + nodes + "\"}],\"all_nodes\":\"" + nodes + "\"}}";
  }

  private InProcessWorker() {}
}
