package org.burstflow.worker.budget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.stereotype.Component;

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared
 * with every digest in constant time ({@link MessageDigest#isEqual}), without stopping at the
 * first match, so timing tells nothing about which key or how much of it matched.
 */
@Component
public class ApiKeyRegistry {

  /** A known key: its digest, role and holder. */
  public record KnownKey(String name, ApiRole role, byte[] sha256) {}

  private final List<KnownKey> keys = new ArrayList<>();

  public ApiKeyRegistry(BurstflowProperties props) {
    List<BurstflowProperties.ApiKey> configured =
        props.api() == null || props.api().keys() == null ? List.of() : props.api().keys();
    for (BurstflowProperties.ApiKey k : configured) {
      if (k.key() == null || k.key().isBlank()) {
        continue;
      }
      byte[] digest = k.key().startsWith("sha256:")
          ? HexFormat.of().parseHex(k.key().substring("sha256:".length()))
          : sha256(k.key());
      keys.add(new KnownKey(k.name(), ApiRole.fromConfig(k.role()), digest));
    }
  }

  public Optional<KnownKey> find(String presented) {
    byte[] digest = sha256(presented);
    KnownKey match = null;
    for (KnownKey k : keys) {
      if (MessageDigest.isEqual(k.sha256(), digest)) {
        match = k;
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
