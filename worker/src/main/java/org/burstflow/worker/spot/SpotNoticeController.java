package org.burstflow.worker.spot;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/hooks/spot-notice}: the node's watcher (slurm-hooks/spot-watcher) posts
 * what IMDS said, in the EventBridge event form. 202 delivered or ignored (a foreign or unknown
 * instance); 503 when it could not be delivered, so the watcher tries again.
 */
@RestController
public class SpotNoticeController {

  private final SpotNoticeRouter router;

  public SpotNoticeController(SpotNoticeRouter router) {
    this.router = router;
  }

  @PostMapping(path = "/api/v1/hooks/spot-notice", consumes = "application/json")
  public ResponseEntity<Map<String, String>> notice(@RequestBody String body) {
    try {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(Map.of("outcome", router.route(body, "imds").name().toLowerCase()));
    } catch (RuntimeException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("error", "not_delivered", "message", String.valueOf(e.getMessage())));
    }
  }
}
