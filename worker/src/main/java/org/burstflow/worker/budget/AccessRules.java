package org.burstflow.worker.budget;

import java.util.Optional;

/** Which role each REST path needs; paths outside {@code /api/} (health) need none. */
final class AccessRules {

  static Optional<ApiRole> required(String method, String path) {
    if (!path.startsWith("/api/")) {
      return Optional.empty();
    }
    if (path.startsWith("/api/v1/hooks/")) {
      return Optional.of(ApiRole.HOOK);
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return Optional.of(ApiRole.READ_ONLY);
    }
    if ("POST".equals(method) && (path.equals("/api/v1/budget/check") || path.equals("/api/v1/budget/reconcile")
        || path.equals("/api/v1/asbx/epilog") || path.equals("/api/v1/asbx/reconcile"))) {
      return Optional.of(ApiRole.HOOK);
    }
    return Optional.of(ApiRole.ADMIN);
  }

  private AccessRules() {}
}
