package org.burstflow.worker.spot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slurm-hooks/spot-watcher against a local server that plays both the instance metadata service
 * (IMDSv2: token PUT, the documented paths, 404 when there is no notice, 401 without a valid
 * token) and the worker's hook endpoint. What it posts is read back by the worker's own parser.
 */
class SpotWatcherTest {

  private static final Path WATCHER =
      Path.of("..", "slurm-hooks", "spot-watcher").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private HttpServer server;
  private final AtomicReference<String> token = new AtomicReference<>("token-1");
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicReference<String> instanceAction = new AtomicReference<>();
  private final AtomicReference<String> rebalance = new AtomicReference<>();
  private final List<String> posted = new CopyOnWriteArrayList<>();
  /** Hook answers to give, first one first; 202 once they run out. */
  private final List<Integer> hookAnswers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/latest/api/token", ex -> {
      if (!"PUT".equals(ex.getRequestMethod())
          || ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") == null) {
        answer(ex, 400, "");
        return;
      }
      tokenRequests.incrementAndGet();
      answer(ex, 200, token.get());
    });
    server.createContext("/latest/meta-data/", ex -> {
      if (!token.get().equals(ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
        answer(ex, 401, "");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String doc = switch (path) {
        case "/latest/meta-data/instance-id" -> "i-0b662ef9931388ba0";
        case "/latest/meta-data/spot/instance-action" -> instanceAction.get();
        case "/latest/meta-data/events/recommendations/rebalance" -> rebalance.get();
        default -> null;
      };
      answer(ex, doc == null ? 404 : 200, doc == null ? "" : doc);
    });
    server.createContext("/api/v1/hooks/spot-notice", ex -> {
      posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      answer(ex, hookAnswers.isEmpty() ? 202 : hookAnswers.remove(0), "{}");
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void noNoticeMeansNothingIsPosted() throws Exception {
    watchOnce();
    assertEquals(List.of(), posted);
    assertEquals(1, tokenRequests.get());
  }

  @Test
  void anInterruptionNoticeIsPostedAsTheEventBridgeWarning() throws Exception {
    instanceAction.set("{\"action\": \"terminate\", \"time\": \"2026-11-23T08:22:00Z\"}");
    watchOnce();

    assertEquals(1, posted.size());
    SpotNotice notice = SpotNotice.parse(new ObjectMapper(), posted.get(0)).orElseThrow();
    assertEquals(SpotNoticeKind.INTERRUPTION_WARNING, notice.kind());
    assertEquals("i-0b662ef9931388ba0", notice.instanceId());
    assertEquals(Instant.parse("2026-11-23T08:22:00Z"), notice.time());
    assertEquals("terminate", notice.detail());
  }

  @Test
  void aRebalanceRecommendationIsPostedAsSuch() throws Exception {
    rebalance.set("{\"noticeTime\": \"2026-11-23T08:20:00Z\"}");
    watchOnce();

    SpotNotice notice = SpotNotice.parse(new ObjectMapper(), posted.get(0)).orElseThrow();
    assertEquals(SpotNoticeKind.REBALANCE_RECOMMENDATION, notice.kind());
    assertEquals(Instant.parse("2026-11-23T08:20:00Z"), notice.time());
  }

  @Test
  void aNoticeTheWorkerDidNotTakeIsPostedAgainAndOnlyUntilItIsTaken() throws Exception {
    instanceAction.set("{\"action\": \"stop\", \"time\": \"2026-11-23T08:22:00Z\"}");
    hookAnswers.add(503);
    Process watcher = start(List.of());
    try {
      awaitPosts(2);
      // the token went stale meanwhile: the watcher fetches a new one and goes on
      token.set("token-2");
      rebalance.set("{\"noticeTime\": \"2026-11-23T08:21:00Z\"}");
      awaitPosts(3);
      Thread.sleep(2500); // two more rounds: nothing new to say
    } finally {
      watcher.destroy();
      watcher.waitFor(5, TimeUnit.SECONDS);
    }
    assertEquals(3, posted.size(), posted.toString());
    assertEquals(posted.get(0), posted.get(1));
    assertTrue(posted.get(2).contains("Rebalance"), posted.get(2));
    assertTrue(tokenRequests.get() >= 2);
  }

  private void awaitPosts(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (posted.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(posted.size() >= n, "posts: " + posted);
  }

  private void watchOnce() throws Exception {
    Process p = start(List.of("--once"));
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
  }

  /** Runs the watcher as a node would: no PATH, its settings from hooks.conf. */
  private Process start(List<String> args) throws IOException {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    Path conf = tmp.resolve("hooks.conf");
    Files.writeString(conf, "BURSTFLOW_URL=" + base + "\nBURSTFLOW_IMDS_URL=" + base + "\n"
        + "BURSTFLOW_SPOT_POLL=1\nBURSTFLOW_CLUSTER=dev\nBURSTFLOW_LOG=" + tmp.resolve("hooks.log") + "\n");
    ProcessBuilder pb = new ProcessBuilder(
        java.util.stream.Stream.concat(java.util.stream.Stream.of("/bin/bash", WATCHER.toString()), args.stream())
            .toList());
    pb.environment().clear();
    pb.environment().put("BURSTFLOW_HOOKS_CONF", conf.toString());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static void answer(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }
}
