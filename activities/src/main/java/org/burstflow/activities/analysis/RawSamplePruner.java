package org.burstflow.activities.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Raw GPU samples are kept only for a short diagnostic window: job spool directories not
 * modified for longer than the retention are deleted. Failures are ignored (next call retries):
 * pruning must never fail an analysis.
 */
public class RawSamplePruner {

  private final Duration retention;
  private final Clock clock;

  public RawSamplePruner(Duration retention, Clock clock) {
    this.retention = retention;
    this.clock = clock;
  }

  /** Deletes {@code <spool>/<jobid>/} directories older than the retention; returns how many. */
  public int prune(Path spool) {
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(retention);
    int deleted = 0;
    try (Stream<Path> jobs = Files.list(spool)) {
      for (Path job : jobs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        if (lastWrite(job).isBefore(cutoff) && deleteTree(job)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      return deleted;
    }
    return deleted;
  }

  /** The newest write in the directory: samplers append to files, which leaves the directory's time alone. */
  private static Instant lastWrite(Path dir) throws IOException {
    Instant newest = Files.getLastModifiedTime(dir).toInstant();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Instant t = Files.getLastModifiedTime(f).toInstant();
        newest = t.isAfter(newest) ? t : newest;
      }
    }
    return newest;
  }

  private static boolean deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
