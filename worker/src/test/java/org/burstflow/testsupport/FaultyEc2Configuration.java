package org.burstflow.testsupport;

import org.burstflow.worker.faults.FaultInjectingEc2Client;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Puts the fault injector in front of the worker's real EC2 client. Lives outside
 * {@code org.burstflow.worker} so the worker's component scan never picks it up: only tests
 * that pass it as a source get it.
 */
@Configuration
public class FaultyEc2Configuration {

  private static volatile FaultInjectingEc2Client current;

  @Bean
  @Primary
  FaultInjectingEc2Client faultyEc2(@Qualifier("ec2Client") Ec2Client real) {
    current = new FaultInjectingEc2Client(real);
    return current;
  }

  /** The injector of the most recently started worker. */
  public static FaultInjectingEc2Client current() {
    return current;
  }
}
