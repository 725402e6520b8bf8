package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.util.List;

/** The balanced posting sets of each operation kind. Every list here sums to zero. */
final class Postings {

  static List<Posting> allocation(BigDecimal amount) {
    return List.of(new Posting(Bucket.FUNDING, amount.negate()), new Posting(Bucket.AVAILABLE, amount));
  }

  static List<Posting> hold(BigDecimal held) {
    return List.of(new Posting(Bucket.AVAILABLE, held.negate()), new Posting(Bucket.HELD, held));
  }

  static List<Posting> release(BigDecimal held) {
    return List.of(new Posting(Bucket.HELD, held.negate()), new Posting(Bucket.AVAILABLE, held));
  }

  /** Releases the whole hold and charges the actual cost, in one operation. */
  static List<Posting> reconcile(BigDecimal held, BigDecimal charged) {
    return List.of(
        new Posting(Bucket.HELD, held.negate()),
        new Posting(Bucket.AVAILABLE, held.subtract(charged)),
        new Posting(Bucket.USED, charged));
  }

  static List<Posting> refund(BigDecimal amount) {
    return List.of(new Posting(Bucket.USED, amount.negate()), new Posting(Bucket.AVAILABLE, amount));
  }

  static BigDecimal sum(List<Posting> postings) {
    return postings.stream().map(Posting::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private Postings() {}
}
