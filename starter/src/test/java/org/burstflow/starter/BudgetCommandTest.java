package org.burstflow.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The budget commands against a stand-in for the worker's REST API (a JDK HTTP server answering
 * with ASBB-shaped bodies): what they send, print, and exit with.
 */
class BudgetCommandTest {

  private HttpServer server;
  private final List<String> requests = new ArrayList<>();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + auth + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      boolean known = exchange.getRequestURI().getPath().endsWith("/research/status");
      byte[] body = (known
          ? "{\"account\":\"research\",\"budget_health_score\":93,\"health_status\":\"HEALTHY\"}"
          : "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no budget account 'x'\"},\"request_id\":\"r\",\"timestamp\":\"t\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(known ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setOut(savedOut);
    System.setErr(savedErr);
    server.stop(0);
  }

  private int run(String... args) {
    return new CommandLine(new BurstflowCli()).execute(args);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void statusPrintsTheApisJson() {
    assertEquals(0, run("budget", "status", "research", "--url", url(), "--api-key", "k1"));
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("\"health_status\" : \"HEALTHY\""), stdout.toString());
    assertEquals("GET /api/v1/accounts/research/status Bearer k1 ", requests.get(0));
  }

  @Test
  void anApiErrorGoesToStderrWithItsCode() {
    assertEquals(1, run("budget", "accounts", "x", "--url", url(), "--api-key", "k1"));
    assertEquals("NOT_FOUND: no budget account 'x'", stderr.toString(StandardCharsets.UTF_8).trim());
  }

  @Test
  void checkSendsAsbbsRequest() {
    run("budget", "check", "--account", "research", "--partition", "cloud", "--nodes", "2", "--cpus", "8",
        "--wall-time", "02:00", "--job-id", "42", "--url", url(), "--api-key", "k1");
    assertEquals("POST /api/v1/budget/check Bearer k1 {\"account\":\"research\",\"partition\":\"cloud\",\"nodes\":2,"
        + "\"cpus\":8,\"gpus\":0,\"wall_time\":\"02:00\",\"job_id\":42}", requests.get(0));
  }

  @Test
  void missingKeyAndUnreachableWorkerAreClearErrors() {
    assertEquals(1, run("budget", "recover", "--url", url(), "--api-key", ""));
    assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("no API key"));
    assertEquals(3, run("budget", "recover", "--url", "http://127.0.0.1:1", "--api-key", "k"));
    assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("cannot reach the burstflow worker"));
    assertTrue(requests.isEmpty());
  }

  @Test
  void helpListsEverySubcommand() {
    StringWriter help = new StringWriter();
    CommandLine cli = new CommandLine(new BurstflowCli());
    cli.setOut(new PrintWriter(help));
    assertEquals(0, cli.execute("budget", "--help"));
    for (String sub : List.of("accounts", "check", "transactions", "reconcile", "recover", "status")) {
      assertTrue(help.toString().contains(sub), sub + " in " + help);
    }
  }
}
