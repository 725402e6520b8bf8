package org.burstflow.contracts.budget;

import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchedNodes;

/**
 * Adds to a job's hold before its next attempt: {@code givenUp} are the instances an interrupted
 * attempt gave up, whose cost until then has been spent out of the first hold.
 *
 * @param attempt the attempt the top-up is for (2 or later): the idempotency key
 */
public record HoldTopUp(JobKey job, int attempt, LaunchedNodes givenUp) {}
