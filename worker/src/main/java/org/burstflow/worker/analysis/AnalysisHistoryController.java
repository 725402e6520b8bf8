package org.burstflow.worker.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.burstflow.activities.analysis.history.HistoryEntry;
import org.burstflow.activities.analysis.history.Insights;
import org.burstflow.activities.analysis.history.JobHistoryStore;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only views of analysed jobs for {@code burstflow history} and {@code burstflow insights}:
 * {@code GET /api/v1/analysis/history?user=&days=&limit=} and
 * {@code GET /api/v1/analysis/insights?user=&days=}. Cluster defaults to the one served.
 */
@RestController
public class AnalysisHistoryController {

  private static final int MAX_LIMIT = 1000;

  private final JobHistoryStore store;
  private final String cluster;
  private final Clock clock = Clock.systemUTC();

  public AnalysisHistoryController(JobHistoryStore store, BurstflowProperties props) {
    this.store = store;
    this.cluster = props.cluster();
  }

  @GetMapping("/api/v1/analysis/history")
  public List<HistoryEntry> history(@RequestParam String user, @RequestParam(defaultValue = "30") int days,
      @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cluster) {
    return store.recent(clusterOr(cluster), user, since(days), Math.min(Math.max(1, limit), MAX_LIMIT));
  }

  @GetMapping("/api/v1/analysis/insights")
  public Insights insights(@RequestParam String user, @RequestParam(defaultValue = "90") int days,
      @RequestParam(required = false) String cluster) {
    return Insights.of(store.recent(clusterOr(cluster), user, since(days), MAX_LIMIT));
  }

  private String clusterOr(String requested) {
    return requested == null || requested.isBlank() ? cluster : requested;
  }

  private Instant since(int days) {
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("days must be 1..3660, got " + days);
    }
    return clock.instant().minus(Duration.ofDays(days));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
  }
}
