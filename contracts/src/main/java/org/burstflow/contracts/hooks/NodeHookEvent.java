package org.burstflow.contracts.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/hooks/suspend} and {@code /resume-fail}: a hostlist, and when
 * Slurm asked (epoch seconds; null from older hooks).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NodeHookEvent(
    @JsonProperty("cluster") String cluster,
    @JsonProperty("hostlist") String hostlist,
    @JsonProperty("requested_at") Long requestedAt) {}
