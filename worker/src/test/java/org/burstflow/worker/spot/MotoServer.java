package org.burstflow.worker.spot;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A moto server of the test's own on a free port (EC2 and SQS on one endpoint), so the test
 * needs neither the shared dev stack nor its lock. moto is in the machine image's pyenv Python.
 */
final class MotoServer implements AutoCloseable {

  private static final List<Path> CANDIDATES = List.of(
      Path.of("/root/.pyenv/versions/3.11.7/bin/moto_server"), Path.of("/usr/local/bin/moto_server"));

  private final Process process;
  final String endpoint;

  private MotoServer(Process process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static boolean available() {
    return executable() != null;
  }

  static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("moto-spot", ".log");
    Process p = new ProcessBuilder(executable().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String endpoint = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return new MotoServer(p, endpoint);
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("moto_server did not answer on " + endpoint + ": " + Files.readString(log));
  }

  private static Path executable() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
