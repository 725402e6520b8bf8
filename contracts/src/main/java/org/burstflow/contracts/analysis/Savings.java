package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * What the sbatch diff would have saved on this run: resources held but not needed × runtime.
 * {@code money} is null when no price is configured.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Savings(double coreHours, double gpuHours, BigDecimal money, String currency) {}
