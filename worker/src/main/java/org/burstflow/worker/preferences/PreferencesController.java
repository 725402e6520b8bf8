package org.burstflow.worker.preferences;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.Optional;
import org.burstflow.activities.report.OptOutTokens;
import org.burstflow.activities.report.ReportPreferences;
import org.burstflow.contracts.report.DeliveryMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A researcher's report e-mail preference: a small server-rendered page at {@code /preferences}
 * (identity from the trusted header the site's login proxy sets, {@code burstflow.portal.user-header})
 * and the opt-out link of every e-mail, {@code /preferences/opt-out?token=…}, whose signed token
 * names the user so that no login is needed. Opening the link shows one button rather than opting
 * out at once, because mail scanners open links; mail clients that honour List-Unsubscribe-Post
 * (RFC 8058) POST to it directly, which opts out in one click.
 */
@RestController
public class PreferencesController {

  private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

  private final ReportPreferences preferences;
  private final OptOutTokens tokens;
  private final String userHeader;

  public PreferencesController(ReportPreferences preferences, OptOutTokens tokens,
      @Value("${burstflow.portal.user-header:X-Remote-User}") String userHeader) {
    this.preferences = preferences;
    this.tokens = tokens;
    this.userHeader = userHeader;
  }

  @GetMapping("/preferences")
  public ResponseEntity<String> page(@RequestHeader HttpHeaders headers,
      @RequestParam(name = "saved", required = false) String saved) {
    Optional<String> user = user(headers);
    if (user.isEmpty()) {
      return notSignedIn();
    }
    DeliveryMode mode = preferences.modeOf(user.get());
    StringBuilder form = new StringBuilder();
    form.append("<form method=\"post\" action=\"/preferences\">")
        .append("<input type=\"hidden\" name=\"check\" value=\"").append(escapeHtml4(tokens.tokenFor(user.get())))
        .append("\"><fieldset><legend>E-mail me job reports</legend>");
    for (DeliveryMode m : DeliveryMode.values()) {
      form.append("<p><label><input type=\"radio\" name=\"mode\" value=\"").append(m.name()).append('"')
          .append(m == mode ? " checked" : "").append("> ").append(describe(m)).append("</label></p>");
    }
    form.append("</fieldset><p><button type=\"submit\">Save</button></p></form>");
    String note = saved == null ? "" : "<p role=\"status\"><strong>Saved.</strong></p>";
    return page(HttpStatus.OK, "Report e-mails for " + escapeHtml4(user.get()),
        note + "<p>Reports of all your jobs stay in the portal whatever you choose here. "
            + "Jobs that end together (an array, a burst) come as one e-mail.</p>" + form);
  }

  @PostMapping(path = "/preferences", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<String> save(@RequestHeader HttpHeaders headers, @RequestParam("mode") String mode,
      @RequestParam(name = "check", required = false) String check) {
    Optional<String> user = user(headers);
    if (user.isEmpty()) {
      return notSignedIn();
    }
    // the form carries the user's own signed token: another site cannot post this form for them
    if (!tokens.verify(check).equals(user)) {
      return page(HttpStatus.FORBIDDEN, "Not saved", "<p>The form was not sent from this page. "
          + "Open <a href=\"/preferences\">your preferences</a> and try again.</p>");
    }
    DeliveryMode chosen;
    try {
      chosen = DeliveryMode.valueOf(mode);
    } catch (IllegalArgumentException e) {
      return page(HttpStatus.BAD_REQUEST, "Not saved", "<p>Unknown choice.</p>");
    }
    preferences.set(user.get(), chosen);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, "/preferences?saved=1").build();
  }

  @GetMapping("/preferences/opt-out")
  public ResponseEntity<String> confirmOptOut(@RequestParam(name = "token", required = false) String token) {
    Optional<String> user = tokens.verify(token);
    if (user.isEmpty()) {
      return invalidLink();
    }
    return page(HttpStatus.OK, "Stop report e-mails for " + escapeHtml4(user.get()) + "?",
        "<form method=\"post\" action=\"/preferences/opt-out?token=" + escapeHtml4(token) + "\">"
            + "<button type=\"submit\">Stop report e-mails</button></form>"
            + "<p>Your reports stay in the portal. You can turn e-mails on again on the "
            + "<a href=\"/preferences\">preferences page</a>.</p>");
  }

  @PostMapping("/preferences/opt-out")
  public ResponseEntity<String> optOut(@RequestParam(name = "token", required = false) String token) {
    Optional<String> user = tokens.verify(token);
    if (user.isEmpty()) {
      return invalidLink();
    }
    preferences.set(user.get(), DeliveryMode.OFF);
    return page(HttpStatus.OK, "Report e-mails are off",
        "<p>No more report e-mails will be sent to " + escapeHtml4(user.get())
            + ", including reports already waiting to be sent. Your reports stay in the portal; "
            + "the <a href=\"/preferences\">preferences page</a> turns e-mails on again.</p>");
  }

  private Optional<String> user(HttpHeaders headers) {
    String value = headers.getFirst(userHeader);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private ResponseEntity<String> notSignedIn() {
    return page(HttpStatus.UNAUTHORIZED, "Please sign in",
        "<p>This page is reached through the site's login; it did not say who you are.</p>");
  }

  private ResponseEntity<String> invalidLink() {
    return page(HttpStatus.BAD_REQUEST, "This link is not valid",
        "<p>The link is incomplete or was not issued by this service. The "
            + "<a href=\"/preferences\">preferences page</a> changes your e-mails after you sign in.</p>");
  }

  private static String describe(DeliveryMode m) {
    return switch (m) {
      case PER_JOB -> "for each job, soon after it ends";
      case DAILY -> "as one digest a day";
      case WEEKLY -> "as one digest a week";
      case OFF -> "never (reports stay in the portal)";
    };
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
        + "</title><style>body{font-family:sans-serif;max-width:40em;margin:2em auto}</style></head>"
        + "<body><h1>" + title + "</h1>" + body + "</body></html>\n";
    return ResponseEntity.status(status).contentType(HTML).body(html);
  }
}
