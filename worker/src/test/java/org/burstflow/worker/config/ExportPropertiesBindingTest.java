package org.burstflow.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped application.yaml binds the export settings; the directory follows the hook spool. */
class ExportPropertiesBindingTest {

  @Test
  void defaultsBesideTheHookSpool() throws Exception {
    BurstflowProperties.Export export = bind(Map.of()).export();
    assertTrue(export.enabled());
    assertTrue(export.adminComment());
    assertEquals(Path.of("/var/spool/burstflow/performance"), export.performanceDir());
  }

  @Test
  void theDevSpoolCarriesTheDirectoryAlongAndTheVariableWins() throws Exception {
    assertEquals(Path.of("/work/dev/run/spool/performance"),
        bind(Map.of("BURSTFLOW_SPOOL_DIR", "/work/dev/run/spool")).export().performanceDir());
    assertEquals(Path.of("/srv/asba/learning"),
        bind(Map.of("BURSTFLOW_SPOOL_DIR", "/work/dev/run/spool",
            "BURSTFLOW_EXPORT_PERFORMANCE_DIR", "/srv/asba/learning")).export().performanceDir());
  }

  private static BurstflowProperties bind(Map<String, Object> variables) throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml"))
        .forEach(ps -> env.getPropertySources().addLast(ps));
    return Binder.get(env).bind("burstflow", BurstflowProperties.class).get();
  }
}
