package org.burstflow.contracts.sweep;

import java.time.Duration;

/**
 * @param interval time between passes
 * @param gracePeriod an instance younger than this is never an orphan (it may be joining Slurm)
 * @param maxLifetime an instance older than this is terminated whatever its node does
 * @param passesPerRun passes before continue-as-new keeps the history short
 */
public record SweepSettings(
    String cluster, Duration interval, Duration gracePeriod, Duration maxLifetime, int passesPerRun) {}
