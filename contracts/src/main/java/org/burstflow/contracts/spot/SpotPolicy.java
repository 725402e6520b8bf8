package org.burstflow.contracts.spot;

import java.time.Duration;

/**
 * How a partition's jobs react to spot notices ({@code burstflow.spot.*}).
 *
 * @param signal sent to the job on a warning so it can checkpoint ({@code scancel --signal}); empty
 *     for none
 * @param batchStepOnly signal only the batch step ({@code --batch}); else every step
 * @param checkpointGrace time between the signal and the requeue, capped well inside the notice
 * @param onDemandAfter after this many interruptions of one job, relaunch on on-demand
 * @param requeueOnRebalance a rebalance recommendation requeues like a warning; else it only drains
 */
public record SpotPolicy(
    String signal,
    boolean batchStepOnly,
    Duration checkpointGrace,
    int onDemandAfter,
    boolean requeueOnRebalance) {

  public static final SpotPolicy DEFAULT = new SpotPolicy("USR1", true, Duration.ofSeconds(20), 2, false);
}
