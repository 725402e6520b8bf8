package org.burstflow.worker.portal;

import org.springframework.http.HttpStatus;

/** A portal request refused: 401 without an identity, 403 for someone it does not belong to, 404. */
public class PortalDenied extends RuntimeException {

  private final HttpStatus status;

  public PortalDenied(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public static PortalDenied forbidden(String message) {
    return new PortalDenied(HttpStatus.FORBIDDEN, message);
  }

  public static PortalDenied notFound(String message) {
    return new PortalDenied(HttpStatus.NOT_FOUND, message);
  }

  public HttpStatus status() {
    return status;
  }
}
