package org.burstflow.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** history/insights ask the worker's read-only endpoints and print what it answers. */
class HistoryCommandsTest {

  @Test
  void historyAsksTheWorkerForTheUsersJobs() throws Exception {
    AtomicReference<String> asked = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/analysis/", ex -> {
      asked.set(ex.getRequestURI().toString());
      byte[] body = "[{\"job_id\":7,\"efficiency_class\":\"WASTED\"}]".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      assertEquals(0, new CommandLine(new BurstflowCli())
          .execute("history", "--user", "alice", "--days", "7", "--limit", "5", "--url", url));
      assertEquals("/api/v1/analysis/history?user=alice&days=7&limit=5", asked.get());
      assertEquals(0, new CommandLine(new BurstflowCli()).execute("insights", "--user", "alice", "--url", url));
      assertEquals("/api/v1/analysis/insights?user=alice&days=30", asked.get());
    } finally {
      System.setOut(old);
      server.stop(0);
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"efficiency_class\" : \"WASTED\""));
  }
}
