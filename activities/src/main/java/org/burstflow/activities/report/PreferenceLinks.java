package org.burstflow.activities.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links every report e-mail carries: the preferences page and the user's one-click opt-out. */
public final class PreferenceLinks {

  private final String baseUrl;
  private final OptOutTokens tokens;

  /** @param baseUrl the worker's public URL, e.g. {@code https://burstflow.example.org} */
  public PreferenceLinks(String baseUrl, OptOutTokens tokens) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("burstflow.report.public-url must be set (links in report e-mails)");
    }
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.tokens = tokens;
  }

  public String preferencesUrl() {
    return baseUrl + "/preferences";
  }

  public String optOutUrl(String user) {
    return baseUrl + "/preferences/opt-out?token=" + URLEncoder.encode(tokens.tokenFor(user), StandardCharsets.UTF_8);
  }

  public String portalUrl() {
    return baseUrl + "/portal";
  }

  /** The portal's page of one report; the portal serves it at this path. */
  public String reportUrl(String cluster, long jobId) {
    return baseUrl + "/portal/jobs/" + URLEncoder.encode(cluster, StandardCharsets.UTF_8) + "/" + jobId;
  }
}
