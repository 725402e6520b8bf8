package org.burstflow.worker.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The running dev stack (dev/up with the infra option), as the end-to-end tests use it. */
public final class DevStack {

  public static final Path REPO = findRepo();
  public static final Path WORKER_ENV = REPO.resolve("dev/run/worker.env");
  public static final Path HOOKS_CONF = Path.of("/etc/burstflow/hooks.conf");

  /** {@code export KEY=VALUE} lines of a shell-sourceable file. */
  public static Map<String, String> readEnvFile(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: bring the dev stack up first (dev/up --infra)");
    }
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
          continue;
        }
        if (l.startsWith("export ")) {
          l = l.substring("export ".length());
        }
        String key = l.substring(0, l.indexOf('='));
        String value = l.substring(l.indexOf('=') + 1).replaceAll("^[\"']|[\"']$", "");
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
  public static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes());
      String err = new String(p.getErrorStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + err + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the supplier returns non-null, or fails with what was awaited. */
  public static <T> T await(String what, Duration timeout, Supplier<T> check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> errors = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        T value = check.get();
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        errors.add(e.getMessage());
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what
        + (errors.isEmpty() ? "" : "; last error: " + errors.get(errors.size() - 1)));
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findRepo() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("dev/up"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (dev/up) from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  private DevStack() {}
}
