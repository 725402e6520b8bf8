package org.burstflow.worker.budget;

import java.util.Arrays;

/** Roles of API keys. {@code admin} may do anything; every role may read. */
public enum ApiRole {
  HOOK("hook"),
  ADMIN("admin"),
  READ_ONLY("read-only");

  private final String configName;

  ApiRole(String configName) {
    this.configName = configName;
  }

  public static ApiRole fromConfig(String name) {
    return Arrays.stream(values())
        .filter(r -> r.configName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "API key role must be hook, admin or read-only, got '" + name + "'"));
  }

  /** Whether a key with this role may do what {@code required} guards. */
  public boolean satisfies(ApiRole required) {
    return this == ADMIN || this == required || required == READ_ONLY;
  }
}
