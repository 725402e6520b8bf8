package org.burstflow.worker.hooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.burstflow.contracts.hooks.HookEventType;
import org.burstflow.worker.config.BurstflowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replays events the hooks spooled while this service was down, oldest first. A file is deleted
 * only after its event was taken; one that can never be understood moves to {@code rejected/}.
 * Spool file names: {@code <epoch-ns>-<pid>.<event>.json}.
 */
@Component
public class SpoolReplayer {

  private static final Logger log = LoggerFactory.getLogger(SpoolReplayer.class);

  private final HookEventRouter router;
  private final Path spoolDir;

  public SpoolReplayer(HookEventRouter router, BurstflowProperties props) {
    this.router = router;
    this.spoolDir = props.hooks() == null ? null : props.hooks().spoolDir();
  }

  @Scheduled(
      initialDelayString = "${burstflow.hooks.replay-initial-delay:2s}",
      fixedDelayString = "${burstflow.hooks.replay-interval:5s}")
  public void replaySpooled() {
    if (spoolDir == null || !Files.isDirectory(spoolDir)) {
      return;
    }
    for (Path file : spooledFiles()) {
      if (!replay(file)) {
        return; // Temporal unreachable: keep the order, try again next pass
      }
    }
  }

  /** @return false if the event could not be delivered now and should be retried later */
  boolean replay(Path file) {
    String name = file.getFileName().toString();
    try {
      String eventName = name.substring(name.indexOf('.') + 1, name.length() - ".json".length());
      HookEventType type = HookEventType.fromPath(eventName);
      HookEventRouter.Outcome outcome = router.route(type, Files.readString(file));
      Files.delete(file);
      log.info("replayed spooled {} → {} {}", name, outcome.workflowIds(), outcome.notes());
      return true;
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      setAside(file, e.getMessage());
      return true;
    } catch (IOException e) {
      log.error("cannot read spooled {}: {}", file, e.getMessage());
      return true;
    } catch (RuntimeException e) {
      log.warn("spooled {} not delivered yet: {}", name, e.getMessage());
      return false;
    }
  }

  private List<Path> spooledFiles() {
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      log.error("cannot list spool directory {}: {}", spoolDir, e.getMessage());
      return List.of();
    }
  }

  private void setAside(Path file, String why) {
    try {
      Path rejected = Files.createDirectories(spoolDir.resolve("rejected"));
      Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      log.error("spooled {} can never be delivered ({}); moved to {}", file.getFileName(), why, rejected);
    } catch (IOException e) {
      log.error("cannot move {} aside: {}", file, e.getMessage());
    }
  }
}
