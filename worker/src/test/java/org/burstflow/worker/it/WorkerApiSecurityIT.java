package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole worker on a random port (Temporal workers registered but not started, so nothing
 * polls the shared dev server): the hook endpoints need the hook key, health stays open.
 */
@SpringBootTest(
    classes = BurstflowWorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.start-workers=false",
      "BURSTFLOW_EC2_SUBNET_ID=subnet-it",
      "BURSTFLOW_SPOOL_DIR=${java.io.tmpdir}/burstflow-security-it-spool",
      "BURSTFLOW_HOOK_API_KEY=security-it-hook",
      "BURSTFLOW_READ_API_KEY=security-it-read",
      "BURSTFLOW_REPORT_OPT_OUT_SECRET=security-it-opt-out-secret"
    })
class WorkerApiSecurityIT {

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(String method, String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void hooksNeedTheHookKey() throws Exception {
    HttpResponse<String> none = send("POST", "/api/v1/hooks/epilog", null);
    assertEquals(401, none.statusCode());
    assertTrue(none.body().contains("\"code\":\"UNAUTHORIZED\""), none.body());
    assertEquals(403, send("POST", "/api/v1/hooks/epilog", "security-it-read").statusCode());
    // past the filter, the hook controller refuses the empty event body itself
    assertEquals(400, send("POST", "/api/v1/hooks/epilog", "security-it-hook").statusCode());
  }

  @Test
  void healthStaysOpen() throws Exception {
    assertEquals(200, send("GET", "/health", null).statusCode());
    assertEquals(200, send("GET", "/actuator/health", null).statusCode());
    assertEquals(401, send("GET", "/api/v1/accounts", null).statusCode());
    assertEquals(200, send("GET", "/api/v1/accounts?limit=1", "security-it-read").statusCode());
  }

  @Test
  void pathTricksDoNotGetPastTheKeyCheck() throws Exception {
    // each of these may reach /api/v1/accounts once Tomcat has normalised it: never without the key
    for (String path : java.util.List.of("//api/v1/accounts", "/api/v1/./accounts", "/api/v1/accounts;x=1",
        "/api/v1/hooks/../accounts", "/x/../api/v1/accounts", "/api/v1/%2e/accounts")) {
      int anonymous = send("GET", path, null).statusCode();
      assertTrue(anonymous == 401 || anonymous == 404 || anonymous == 400, path + " -> " + anonymous);
      int asHook = send("POST", path, "security-it-hook").statusCode();
      assertTrue(asHook == 403 || asHook == 404 || asHook == 400 || asHook == 405, path + " -> " + asHook);
    }
  }
}
