package org.burstflow.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped application.yaml binds the portal settings with their documented defaults. */
class PortalPropertiesBindingTest {

  @Test
  void defaultsFromApplicationYaml() throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml"))
        .forEach(ps -> env.getPropertySources().addLast(ps));
    BurstflowProperties.Portal p = Binder.get(env).bind("burstflow", BurstflowProperties.class).get().portal();
    assertEquals("X-Remote-User", p.userHeader());
    assertEquals(List.of("127.0.0.1", "::1"), p.trustedProxies());
    assertTrue(p.supportUsers() == null || p.supportUsers().isEmpty(), String.valueOf(p.supportUsers()));
    assertEquals(10, p.escalation().window());
    assertEquals(5, p.escalation().threshold());
    assertEquals(List.of("INEFFICIENT", "WASTED"), p.escalation().classes());
    assertEquals(Duration.ofDays(30), p.escalation().lookback());
  }
}
