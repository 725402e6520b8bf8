package org.burstflow.worker.config;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns off sticky workflow execution when {@code burstflow.temporal.sticky-execution=false}.
 *
 * <p>A worker normally asks the server to send a workflow's next task to its own sticky queue,
 * and a real Temporal server hands the task back to the shared queue when nobody takes it there
 * within the sticky schedule-to-start timeout (5 s). The Temporal test server the dev stack runs
 * has no such timeout: after a worker dies or restarts, the tasks of every workflow it had cached
 * wait on its sticky queue for ever. Without stickiness each task goes to the shared queue and a
 * restarted worker replays the history instead — slower per task, but nothing stalls.
 */
@Configuration
@ConditionalOnProperty(name = "burstflow.temporal.sticky-execution", havingValue = "false")
class StickyExecutionConfig {

  private static final Logger log = LoggerFactory.getLogger(StickyExecutionConfig.class);

  @Bean
  WorkerOptionsCustomizer noStickyExecution() {
    return (options, workerName, taskQueue) -> {
      log.info("{}: sticky execution off (burstflow.temporal.sticky-execution=false)", taskQueue);
      // a zero timeout makes the SDK leave out the sticky attributes on every completed task
      return options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    };
  }
}
