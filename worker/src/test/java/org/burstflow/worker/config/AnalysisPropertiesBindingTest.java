package org.burstflow.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped application.yaml binds the analysis settings (empty prices = no money figure). */
class AnalysisPropertiesBindingTest {

  @Test
  void defaultsFromApplicationYaml() throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml"))
        .forEach(ps -> env.getPropertySources().addLast(ps));
    BurstflowProperties props = Binder.get(env).bind("burstflow", BurstflowProperties.class).get();
    BurstflowProperties.Analysis a = props.analysis();
    assertEquals(Path.of("/var/spool/burstflow/gpu"), a.gpuSpoolDir());
    assertEquals(Duration.ofDays(7), a.rawSampleRetention());
    assertEquals(10, a.minSamplesPerGpu());
    assertEquals(0.30, a.busyUtil());
    assertEquals(1.0, a.gpuBillingFactor());
    assertNull(a.gpuHourPrice());
  }
}
