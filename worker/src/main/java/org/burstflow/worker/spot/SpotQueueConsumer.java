package org.burstflow.worker.spot;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Long-polls the queue EventBridge feeds with EC2's spot and state-change events. A message is
 * deleted only once its signal was accepted by Temporal (or it was found to concern no job of
 * ours); any failure leaves it in the queue, to come back after the visibility timeout. So a
 * worker that is down when a notice arrives handles it when it is back.
 */
public class SpotQueueConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SpotQueueConsumer.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final SpotNoticeRouter router;
  private final Duration waitTime;
  private final Duration visibilityTimeout;
  private volatile boolean running;
  private Thread poller;

  /**
   * @param waitTime long-poll wait, at most 20 s (SQS's limit)
   * @param visibilityTimeout how long a received message stays hidden before it is redelivered
   */
  public SpotQueueConsumer(
      SqsClient sqs, String queueUrl, SpotNoticeRouter router, Duration waitTime, Duration visibilityTimeout) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.router = router;
    this.waitTime = waitTime;
    this.visibilityTimeout = visibilityTimeout;
  }

  /** One receive and the handling of what came; returns how many messages were deleted. */
  public int pollOnce() {
    List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
        .queueUrl(queueUrl)
        .maxNumberOfMessages(10)
        .waitTimeSeconds((int) waitTime.toSeconds())
        .visibilityTimeout((int) visibilityTimeout.toSeconds())
        .build()).messages();
    int deleted = 0;
    for (Message message : messages) {
      try {
        router.route(message.body(), "sqs");
      } catch (RuntimeException e) {
        log.warn("spot notice {} kept for redelivery: {}", message.messageId(), e.toString());
        continue;
      }
      sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(queueUrl).receiptHandle(message.receiptHandle()).build());
      deleted++;
    }
    return deleted;
  }

  private void loop() {
    log.info("spot notices: polling {}", queueUrl);
    while (running) {
      try {
        pollOnce();
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn("spot notice queue {} unreachable, retrying in 5 s: {}", queueUrl, e.toString());
        pause(Duration.ofSeconds(5));
      }
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    poller = new Thread(this::loop, "spot-notices");
    poller.setDaemon(true);
    poller.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (poller != null) {
      poller.interrupt();
      try {
        poller.join(Duration.ofSeconds(25).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
