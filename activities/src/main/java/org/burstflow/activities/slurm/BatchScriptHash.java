package org.burstflow.activities.slurm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of a batch script's history: SHA-256 of its text with line endings and trailing
 * whitespace normalised, so the same script saved from another editor is still the same script.
 */
public final class BatchScriptHash {

  private BatchScriptHash() {}

  /** {@code sha256:<hex>}, or null for an empty script. */
  public static String of(String script) {
    if (script == null || script.isBlank()) {
      return null;
    }
    String normal = String.join("\n", script.lines().map(String::stripTrailing).toList()).strip();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
