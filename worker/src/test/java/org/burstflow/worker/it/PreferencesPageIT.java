package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.burstflow.activities.report.OptOutTokens;
import org.burstflow.activities.report.ReportPreferences;
import org.burstflow.contracts.report.DeliveryMode;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The preferences page and the opt-out link, over HTTP on the whole worker, against MariaDB. */
@SpringBootTest(
    classes = BurstflowWorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.start-workers=false",
      "BURSTFLOW_EC2_SUBNET_ID=subnet-it",
      "BURSTFLOW_SPOOL_DIR=${java.io.tmpdir}/burstflow-preferences-it-spool",
      "BURSTFLOW_REPORT_OPT_OUT_SECRET=preferences-it-opt-out-secret"
    })
class PreferencesPageIT {

  @LocalServerPort int port;
  @Autowired OptOutTokens tokens;
  @Autowired ReportPreferences preferences;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      b.header("X-Remote-User", user);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String user, String form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (user != null) {
      b.header("X-Remote-User", user);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aUserChoosesADailyDigestOnTheirPage() throws Exception {
    String user = LedgerDatabase.uniqueName("p");
    assertEquals(401, get("/preferences", null).statusCode(), "no identity from the login proxy");

    HttpResponse<String> page = get("/preferences", user);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("value=\"PER_JOB\" checked"), page.body());

    String check = URLEncoder.encode(tokens.tokenFor(user), StandardCharsets.UTF_8);
    assertEquals(303, post("/preferences", user, "mode=DAILY&check=" + check).statusCode());
    assertEquals(DeliveryMode.DAILY, preferences.modeOf(user));
    assertTrue(get("/preferences?saved=1", user).body().contains("value=\"DAILY\" checked"));

    // a form posted from elsewhere (no token, or another user's) changes nothing
    assertEquals(403, post("/preferences", user, "mode=OFF").statusCode());
    String other = URLEncoder.encode(tokens.tokenFor("someone-else"), StandardCharsets.UTF_8);
    assertEquals(403, post("/preferences", user, "mode=OFF&check=" + other).statusCode());
    assertEquals(DeliveryMode.DAILY, preferences.modeOf(user));
  }

  @Test
  void theOptOutLinkAsksOnceAndOneClickPostTurnsEmailsOff() throws Exception {
    String user = LedgerDatabase.uniqueName("o");
    String token = URLEncoder.encode(tokens.tokenFor(user), StandardCharsets.UTF_8);

    HttpResponse<String> confirm = get("/preferences/opt-out?token=" + token, null);
    assertEquals(200, confirm.statusCode());
    assertTrue(confirm.body().contains("Stop report e-mails"), confirm.body());
    assertEquals(DeliveryMode.PER_JOB, preferences.modeOf(user), "opening the link (mail scanners do) changes nothing");

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's URL
    assertEquals(200, post("/preferences/opt-out?token=" + token, null, "List-Unsubscribe=One-Click").statusCode());
    assertEquals(DeliveryMode.OFF, preferences.modeOf(user));

    assertEquals(400, get("/preferences/opt-out?token=forged." + token.substring(token.indexOf('.') + 1), null).statusCode());
  }
}
