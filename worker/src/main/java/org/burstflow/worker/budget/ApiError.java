package org.burstflow.worker.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** ASBB's error envelope: {@code {error{code, message, details?, field?}, request_id, timestamp}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiError(Body error, String requestId, Instant timestamp) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(String code, String message, String details, String field) {}

  public static ApiError of(String code, String message, String field) {
    return new ApiError(new Body(code, message, null, field), "req_" + UUID.randomUUID(), Instant.now());
  }
}
