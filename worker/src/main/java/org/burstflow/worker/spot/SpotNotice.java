package org.burstflow.worker.spot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;

/**
 * One EC2 event from EventBridge (burst-anchors.md §3.2), as the queue or the node's watcher
 * delivers it. The instance id is read from {@code detail.instance-id}, never from the resource
 * ARN, whose form varies.
 */
record SpotNotice(String eventId, String instanceId, SpotNoticeKind kind, Instant time, String detail) {

  static final String INTERRUPTION_WARNING = "EC2 Spot Instance Interruption Warning";
  static final String REBALANCE_RECOMMENDATION = "EC2 Instance Rebalance Recommendation";
  static final String STATE_CHANGE = "EC2 Instance State-change Notification";
  /** States in which an instance no longer serves its node (what NTH acts on, too). */
  private static final Set<String> GONE_STATES = Set.of("stopping", "stopped", "shutting-down", "terminated");

  /**
   * The notice in an event, or empty for events that ask nothing of us (an instance starting,
   * another detail-type). A body that is not an EC2 event at all is an IllegalArgumentException.
   */
  static Optional<SpotNotice> parse(ObjectMapper json, String body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("not an EventBridge event: " + abbreviate(body));
    }
    String type = event.path("detail-type").asText("");
    JsonNode detail = event.path("detail");
    String instanceId = detail.path("instance-id").asText(null);
    if (instanceId == null || instanceId.isBlank()) {
      throw new IllegalArgumentException("event without detail.instance-id: " + abbreviate(body));
    }
    String id = event.path("id").asText("");
    Instant time = time(event.path("time").asText(null));
    return switch (type) {
      case INTERRUPTION_WARNING -> Optional.of(new SpotNotice(id, instanceId, SpotNoticeKind.INTERRUPTION_WARNING,
          time, detail.path("instance-action").asText("terminate")));
      case REBALANCE_RECOMMENDATION -> Optional.of(
          new SpotNotice(id, instanceId, SpotNoticeKind.REBALANCE_RECOMMENDATION, time, "rebalance recommendation"));
      case STATE_CHANGE -> {
        String state = detail.path("state").asText("");
        yield GONE_STATES.contains(state)
            ? Optional.of(new SpotNotice(id, instanceId, SpotNoticeKind.INSTANCE_GONE, time, state))
            : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  SpotInterrupted toSignal(String source) {
    return new SpotInterrupted(eventId, instanceId, kind, time, source, detail);
  }

  private static Instant time(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("event time is not ISO-8601: " + text);
    }
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
