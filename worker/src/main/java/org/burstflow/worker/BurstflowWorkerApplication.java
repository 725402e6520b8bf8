package org.burstflow.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The burstflow service: Temporal workers, hook endpoints, spool replay. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BurstflowWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(BurstflowWorkerApplication.class, args);
  }
}
