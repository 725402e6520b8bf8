package org.burstflow.worker.budget;

import org.springframework.http.HttpStatus;

/** An API failure with its ASBB error code and HTTP status. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException validation(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", message, field);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
