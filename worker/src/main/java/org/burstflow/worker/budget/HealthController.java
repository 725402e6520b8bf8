package org.burstflow.worker.budget;

import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** ASBB's {@code GET /health}: open, with a real database ping. */
@RestController
class HealthController {

  private final DataSource dataSource;

  HealthController(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @GetMapping("/health")
  ResponseEntity<Map<String, Object>> health() {
    Map<String, Object> body = new LinkedHashMap<>();
    String database;
    try (Connection c = dataSource.getConnection()) {
      database = c.isValid(2) ? "connected" : "unreachable";
    } catch (Exception e) {
      database = "error: " + e.getMessage();
    }
    boolean healthy = "connected".equals(database);
    body.put("status", healthy ? "healthy" : "unhealthy");
    body.put("database", database);
    body.put("timestamp", Instant.now());
    return ResponseEntity.status(healthy ? 200 : 503).body(body);
  }
}
