package org.burstflow.worker.hooks;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import java.util.Map;
import org.burstflow.contracts.hooks.HookEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/hooks/{resume|suspend|resume-fail|epilog}}, called by slurm-hooks/.
 * 202 when taken; 400 for a body that will never be understood (the hook sets it aside); 503
 * when Temporal is unreachable (the hook spools it for replay).
 */
@RestController
public class HookController {

  private static final Logger log = LoggerFactory.getLogger(HookController.class);

  private final HookEventRouter router;

  public HookController(HookEventRouter router) {
    this.router = router;
  }

  @PostMapping(path = "/api/v1/hooks/{event}", consumes = "application/json")
  public ResponseEntity<HookEventRouter.Outcome> hook(@PathVariable String event, @RequestBody String body) {
    HookEventRouter.Outcome outcome = router.route(HookEventType.fromPath(event), body);
    log.info("hook {} → {} {}", event, outcome.workflowIds(), outcome.notes());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
    log.warn("hook event refused: {}", e.getMessage());
    return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", e.getMessage()));
  }

  @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
  ResponseEntity<Map<String, String>> temporalDown(RuntimeException e) {
    log.error("Temporal unavailable, hook will spool: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("error", "temporal_unavailable", "message", String.valueOf(e.getMessage())));
  }
}
