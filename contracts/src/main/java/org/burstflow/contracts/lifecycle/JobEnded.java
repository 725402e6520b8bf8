package org.burstflow.contracts.lifecycle;

/**
 * What EpilogSlurmctld knows when a job ends (its environment, see research/environment.md).
 * Accounting figures are read later from sacct; these fields only route and label the job.
 */
public record JobEnded(
    String user,
    String account,
    String partition,
    String nodeList,
    String exitCode,
    String jobName) {}
