package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;
import org.burstflow.contracts.JobKey;

/**
 * A request to hold {@code estimate × buffer} on an account. {@code transactionId} is the
 * idempotency key: {@code hold:<cluster>:<jobid>:<attempt>} for a Slurm job, or {@code
 * hold:api:<uuid>} for an ASBB client that names no job.
 */
public record HoldOrder(
    String transactionId,
    String account,
    String partition,
    JobKey job,
    Integer attempt,
    BigDecimal estimate,
    BigDecimal buffer,
    String description) {

  public HoldOrder {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(buffer, "buffer");
    if (!transactionId.startsWith(OperationKind.HOLD.keyPrefix())) {
      throw new IllegalArgumentException("a hold's transaction id starts with 'hold:': " + transactionId);
    }
    if (estimate.signum() < 0 || buffer.signum() <= 0) {
      throw new IllegalArgumentException("estimate must be ≥ 0 and buffer > 0");
    }
  }

  public static HoldOrder forJob(
      JobKey job, int attempt, String account, String partition, BigDecimal estimate, BigDecimal buffer) {
    return new HoldOrder(LedgerKeys.hold(job, attempt), account, partition, job, attempt, estimate, buffer,
        "hold for job " + job + " attempt " + attempt + (partition == null ? "" : " on partition " + partition));
  }

  /** A hold for a client that names no Slurm job: not idempotent, as in ASBB. */
  public static HoldOrder withoutJob(String account, String partition, BigDecimal estimate, BigDecimal buffer) {
    return new HoldOrder("hold:api:" + UUID.randomUUID(), account, partition, null, null, estimate, buffer,
        "hold via the budget API" + (partition == null ? "" : " on partition " + partition));
  }
}
