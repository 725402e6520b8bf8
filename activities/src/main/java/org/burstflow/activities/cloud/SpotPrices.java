package org.burstflow.activities.cloud;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * The spot price a spot instance pays: the one in effect for its type and zone when it was
 * launched, from EC2's spot price history. Spot prices move slowly since 2017, so the launch
 * price is what the instance pays over a job's lifetime to within rounding.
 */
final class SpotPrices {

  private static final Logger log = LoggerFactory.getLogger(SpotPrices.class);
  private static final String PRODUCT = "Linux/UNIX";

  private final Ec2Client ec2;

  SpotPrices(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** The price in effect at {@code launchTime}, or empty when EC2 has no history for the pool. */
  Optional<BigDecimal> at(String instanceType, String availabilityZone, Instant launchTime) {
    return ec2.describeSpotPriceHistoryPaginator(r -> r
            .instanceTypesWithStrings(instanceType)
            .availabilityZone(availabilityZone)
            .productDescriptions(PRODUCT)
            .endTime(launchTime))
        .spotPriceHistory().stream()
        .filter(p -> p.timestamp() == null || !p.timestamp().isAfter(launchTime))
        .max(Comparator.comparing(SpotPrice::timestamp, Comparator.nullsFirst(Comparator.naturalOrder())))
        .map(p -> new BigDecimal(p.spotPrice()))
        .or(() -> {
          log.warn("no spot price history for {} in {}: charging the configured price", instanceType, availabilityZone);
          return Optional.empty();
        });
  }
}
