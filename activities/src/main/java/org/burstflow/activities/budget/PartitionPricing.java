package org.burstflow.activities.budget;

import java.util.Map;
import java.util.Optional;

/** The configured rate of every partition the ledger can price. */
public record PartitionPricing(Map<String, PartitionRate> rates) {

  public PartitionPricing {
    rates = Map.copyOf(rates);
  }

  public Optional<PartitionRate> of(String partition) {
    return Optional.ofNullable(partition == null ? null : rates.get(partition));
  }
}
