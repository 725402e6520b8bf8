package org.burstflow.activities.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm's client commands from a configured directory (hooks and services often have no
 * PATH) and returns their standard output. A missing binary is a loud error, never an empty
 * answer.
 */
public class SlurmCommands {

  private final Path binDir;
  private final Duration timeout;

  public SlurmCommands(Path binDir, Duration timeout) {
    this.binDir = binDir;
    this.timeout = timeout;
  }

  /** The result of one command; non-zero exit codes are returned, not thrown. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  public Result run(String command, List<String> args) {
    Path executable = binDir.resolve(command);
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(
          "Slurm command " + executable + " not found or not executable (burstflow.slurm.bin-dir)");
    }
    List<String> argv = new ArrayList<>();
    argv.add(executable.toString());
    argv.addAll(args);
    try {
      Path out = Files.createTempFile("burstflow-" + command, ".out");
      Path err = Files.createTempFile("burstflow-" + command, ".err");
      try {
        Process process =
            new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", argv) + " did not finish within " + timeout);
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8).strip());
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + String.join(" ", argv) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Runs the command and fails with its stderr unless it exits 0. */
  public String runOrFail(String command, List<String> args) {
    Result result = run(command, args);
    if (!result.ok()) {
      throw new IllegalStateException(
          command + " " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.stderr());
    }
    return result.stdout();
  }
}
