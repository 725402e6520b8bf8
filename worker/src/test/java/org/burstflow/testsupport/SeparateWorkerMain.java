package org.burstflow.testsupport;

import java.time.Duration;
import org.burstflow.worker.e2e.InProcessWorker;
import org.burstflow.worker.faults.FaultInjectingEc2Client;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The worker as a JVM of its own, started by a test with the test's class path and the overrides
 * the in-process worker uses, so that the test can SIGKILL it. Arguments: the SMTP port, and
 * optionally {@code pause-after-create-fleet} to hold every CreateFleet's answer for 60 s (the
 * window in which the test kills it).
 */
public final class SeparateWorkerMain {

  public static void main(String[] args) {
    int smtpPort = Integer.parseInt(args[0]);
    if (args.length > 1 && args[1].equals("pause-after-create-fleet")) {
      InProcessWorker.start(smtpPort, PausingEc2.class);
    } else {
      InProcessWorker.start(smtpPort);
    }
  }

  /** Outside the worker's component scan, like {@link FaultyEc2Configuration}. */
  @Configuration
  public static class PausingEc2 {
    @Bean
    @Primary
    FaultInjectingEc2Client pausingEc2(@Qualifier("ec2Client") Ec2Client real) {
      return new FaultInjectingEc2Client(real).pauseAfterFleets(Duration.ofSeconds(60));
    }
  }

  private SeparateWorkerMain() {}
}
