package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One finding of the root-cause rules.
 *
 * @param code stable identifier, e.g. {@code OVERSCALING}, {@code CPU_BOTTLENECK}
 * @param confidence 0–1
 * @param evidence the numbers that fired the rule, by name, as printed in the report
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RootCause(String code, String summary, double confidence, Map<String, String> evidence) {}
