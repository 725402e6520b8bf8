package org.burstflow.worker.spot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.burstflow.activities.spot.SpotActivitiesImpl;
import org.burstflow.contracts.spot.SpotPolicy;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The spot notice intake (queue consumer, watcher hook) and the per-partition policies. */
@Configuration
public class SpotConfig {

  @Bean
  SpotActivitiesImpl spotActivities(BurstflowProperties props) {
    BurstflowProperties.Spot spot = spot(props);
    Map<String, SpotPolicy> partitions = new HashMap<>();
    if (spot.partitions() != null) {
      spot.partitions().forEach((partition, reaction) -> partitions.put(partition, policy(reaction)));
    }
    return new SpotActivitiesImpl(policy(spot.defaults()), partitions);
  }

  @Bean
  SpotNoticeRouter spotNoticeRouter(WorkflowClient client, Ec2Client ec2, ObjectMapper json, BurstflowProperties props) {
    return new SpotNoticeRouter(client, new InstanceOwners(ec2, props.cluster()), json);
  }

  /** Polls only when a queue is configured: the watcher hook needs none. */
  @Bean
  SpotQueueConsumer spotQueueConsumer(
      BurstflowProperties props, SpotNoticeRouter router) {
    BurstflowProperties.Spot spot = spot(props);
    if (spot.queueUrl() == null || spot.queueUrl().isBlank()) {
      return null;
    }
    return new SpotQueueConsumer(sqsClient(props), spot.queueUrl(), router, spot.waitTime(), spot.visibilityTimeout());
  }

  /** The real AWS SDK client; the endpoint is the EC2 one unless set (moto serves both). */
  static SqsClient sqsClient(BurstflowProperties props) {
    String endpoint = spot(props).endpoint();
    if (endpoint == null || endpoint.isBlank()) {
      endpoint = props.ec2() == null ? null : props.ec2().endpoint();
    }
    SqsClientBuilder builder = SqsClient.builder()
        .region(Region.of(props.ec2().region()))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  private static BurstflowProperties.Spot spot(BurstflowProperties props) {
    if (props.spot() == null) {
      return new BurstflowProperties.Spot(null, null, java.time.Duration.ofSeconds(20),
          java.time.Duration.ofSeconds(30), null, Map.of());
    }
    return props.spot();
  }

  private static SpotPolicy policy(BurstflowProperties.SpotReaction r) {
    if (r == null) {
      return SpotPolicy.DEFAULT;
    }
    return new SpotPolicy(r.signal(), r.batchStepOnly(), r.checkpointGrace(), r.onDemandAfter(), r.requeueOnRebalance());
  }
}
