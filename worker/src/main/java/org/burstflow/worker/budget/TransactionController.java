package org.burstflow.worker.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.burstflow.activities.budget.Operation;
import org.burstflow.activities.budget.OperationKind;
import org.burstflow.activities.budget.TransactionFilter;
import org.burstflow.activities.budget.TransactionQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ASBB's {@code GET /api/v1/transactions}: the journal's operations, newest first. Types are
 * the operation kinds in lower case (hold, reconcile, release, refund, adjustment, allocation);
 * every operation is written complete, so status is always {@code completed}.
 */
@RestController
class TransactionController {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Transaction(
      long id, String transactionId, String account, String cluster, Long jobId, Integer attempt, String partition,
      String type, BigDecimal amount, BigDecimal estimate, BigDecimal holdAmount, boolean overrun,
      String description, @JsonRawValue String metadata, String status, Instant createdAt) {

    static Transaction of(Operation o) {
      String metadata = o.detail() != null && o.detail().trim().startsWith("{") ? o.detail() : null;
      return new Transaction(o.id(), o.transactionId(), o.account(), o.cluster(), o.jobId(), o.attempt(),
          o.partition(), o.kind().name().toLowerCase(Locale.ROOT), o.amount(), o.estimate(), o.holdAmount(),
          o.overrun(), o.description(), metadata, "completed", o.createdAt());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TransactionList(List<Transaction> transactions, int limit, int offset) {}

  private final TransactionQuery query;

  TransactionController(TransactionQuery query) {
    this.query = query;
  }

  @GetMapping("/api/v1/transactions")
  TransactionList list(
      @RequestParam(required = false) String account,
      @RequestParam(name = "job_id", required = false) Long jobId,
      @RequestParam(required = false) String cluster,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(name = "start_date", required = false) Instant startDate,
      @RequestParam(name = "end_date", required = false) Instant endDate,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 1000 || offset < 0) {
      throw ApiException.validation("limit", "limit must be 1–1000 and offset ≥ 0");
    }
    if (status != null && !status.equals("completed")) {
      return new TransactionList(List.of(), limit, offset);
    }
    OperationKind kind;
    try {
      kind = type == null ? null : OperationKind.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("type", "type must be one of hold, reconcile, release, refund, adjustment, allocation");
    }
    List<Transaction> found = query.find(new TransactionFilter(account, cluster, jobId, kind, startDate, endDate,
        limit, offset)).stream().map(Transaction::of).toList();
    return new TransactionList(found, limit, offset);
  }
}
