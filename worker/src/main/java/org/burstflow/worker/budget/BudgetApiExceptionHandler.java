package org.burstflow.worker.budget;

import java.time.format.DateTimeParseException;
import org.burstflow.activities.budget.DuplicateAccountException;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.LedgerDatabaseException;
import org.burstflow.activities.budget.UnknownAccountException;
import org.burstflow.activities.budget.UnknownHoldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps the ledger's failures to ASBB's error codes and statuses, in its envelope. */
@RestControllerAdvice(basePackageClasses = BudgetApiExceptionHandler.class)
class BudgetApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(BudgetApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return error(e.status(), e.code(), e.getMessage(), e.field());
  }

  @ExceptionHandler(InsufficientBudgetException.class)
  ResponseEntity<ApiError> refused(InsufficientBudgetException e) {
    return error(HttpStatus.PAYMENT_REQUIRED, e.reason().name(), e.getMessage(), null);
  }

  @ExceptionHandler({UnknownAccountException.class, UnknownHoldException.class})
  ResponseEntity<ApiError> notFound(RuntimeException e) {
    return error(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage(), null);
  }

  @ExceptionHandler(DuplicateAccountException.class)
  ResponseEntity<ApiError> duplicate(DuplicateAccountException e) {
    return error(HttpStatus.CONFLICT, "DUPLICATE_ACCOUNT", e.getMessage(), "slurm_account");
  }

  @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class,
      MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
      DateTimeParseException.class})
  ResponseEntity<ApiError> badRequest(Exception e) {
    return error(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", e.getMessage(), null);
  }

  @ExceptionHandler(LedgerDatabaseException.class)
  ResponseEntity<ApiError> database(LedgerDatabaseException e) {
    log.error("ledger database error", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "DATABASE_ERROR", e.getMessage(), null);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ApiError> internal(RuntimeException e) {
    log.error("budget API failure", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", String.valueOf(e.getMessage()), null);
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message, String field) {
    return ResponseEntity.status(status).body(ApiError.of(code, message, field));
  }
}
