package org.burstflow.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.CreateFleetRequest;

/**
 * Notes, by ClientToken, when each CreateFleet request goes on the wire and when its answer came
 * back. Registered for every AWS SDK client in the benchmark's JVM through the SDK's global
 * interceptor file ({@code software/amazon/awssdk/global/handlers/execution.interceptors} in the
 * bench's resources), so the worker's own EC2 client is measured without a line of product code
 * knowing; the SDK creates the instances, hence the static state.
 */
public final class FleetSendTimes implements ExecutionInterceptor {

  /** When the first attempt was sent and how long its HTTP round trip took, both in nanoseconds. */
  record FleetCall(long sentNanos, long roundTripNanos) {}

  private static final Map<String, Long> SENT = new ConcurrentHashMap<>();
  private static final Map<String, CompletableFuture<FleetCall>> CALLS = new ConcurrentHashMap<>();

  /** Completes once CreateFleet with this token has had its answer. */
  static CompletableFuture<FleetCall> call(String clientToken) {
    return CALLS.computeIfAbsent(clientToken, t -> new CompletableFuture<>());
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (context.request() instanceof CreateFleetRequest fleet && fleet.clientToken() != null) {
      // a retried request (same token) was sent first at the first attempt
      SENT.putIfAbsent(fleet.clientToken(), System.nanoTime());
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (context.request() instanceof CreateFleetRequest fleet && fleet.clientToken() != null) {
      long now = System.nanoTime();
      Long sent = SENT.get(fleet.clientToken());
      if (sent != null) {
        call(fleet.clientToken()).complete(new FleetCall(sent, now - sent));
      }
    }
  }
}
