package org.burstflow.worker.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.burstflow.worker.config.BurstflowProperties;

/**
 * Personal portal tokens, kept as SHA-256 digests and compared in constant time over all of
 * them, like the API keys, so timing tells nothing about which token matched.
 */
public class PortalTokens {

  private record Known(String user, byte[] sha256) {}

  private final List<Known> tokens = new ArrayList<>();

  public PortalTokens(List<BurstflowProperties.UserToken> configured) {
    for (BurstflowProperties.UserToken t : configured == null ? List.<BurstflowProperties.UserToken>of() : configured) {
      if (t.key() == null || t.key().isBlank() || t.user() == null || t.user().isBlank()) {
        continue;
      }
      byte[] digest = t.key().startsWith("sha256:")
          ? HexFormat.of().parseHex(t.key().substring("sha256:".length()))
          : sha256(t.key());
      tokens.add(new Known(t.user(), digest));
    }
  }

  /** The user a presented token stands for. */
  public Optional<String> userOf(String presented) {
    byte[] digest = sha256(presented);
    String match = null;
    for (Known k : tokens) {
      if (MessageDigest.isEqual(k.sha256(), digest)) {
        match = k.user();
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
