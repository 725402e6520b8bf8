package org.burstflow.contracts.hooks;

import java.util.Arrays;

/** The hook events; the path segment under {@code /api/v1/hooks/} and the spool file suffix. */
public enum HookEventType {
  RESUME("resume"),
  SUSPEND("suspend"),
  RESUME_FAIL("resume-fail"),
  EPILOG("epilog");

  private final String path;

  HookEventType(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public static HookEventType fromPath(String path) {
    return Arrays.stream(values())
        .filter(t -> t.path.equals(path))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown hook event '" + path + "'"));
  }
}
