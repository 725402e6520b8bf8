package org.burstflow.contracts.slurm;

import java.time.Duration;

/**
 * A job as {@code scontrol show job} describes it before it runs. {@code timeLimit} is null
 * for UNLIMITED.
 */
public record SlurmJob(
    long jobId,
    String jobName,
    String user,
    String account,
    String partition,
    int numNodes,
    int numCpus,
    Duration timeLimit,
    String features,
    String state) {}
