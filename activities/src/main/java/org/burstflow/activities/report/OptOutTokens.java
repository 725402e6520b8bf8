package org.burstflow.activities.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed token of a one-click opt-out link: {@code base64url(user) "." base64url(HMAC-SHA256(
 * secret, "report-opt-out:" + user))}. Whoever holds an e-mail can stop that user's e-mails and
 * nothing else; the token does not expire, so that an opt-out link in an old e-mail still works.
 * Changing the secret invalidates every link sent so far.
 */
public final class OptOutTokens {

  private static final String PURPOSE = "report-opt-out:";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final SecretKeySpec key;

  public OptOutTokens(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException(
          "burstflow.report.opt-out-secret must be set to at least 16 characters (signs opt-out links)");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String tokenFor(String user) {
    return B64.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(user));
  }

  /** The user a token was issued for, or empty when it is malformed or not signed by us. */
  public Optional<String> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      String user = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      // constant-time comparison: the time taken says nothing about how much of a forgery matched
      return MessageDigest.isEqual(given, mac(user)) ? Optional.of(user) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((PURPOSE + user).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
