package org.burstflow.contracts.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/v1/hooks/epilog}, from EpilogSlurmctld's environment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpilogHookEvent(
    @JsonProperty("cluster") String cluster,
    @JsonProperty("job_id") long jobId,
    @JsonProperty("user") String user,
    @JsonProperty("uid") String uid,
    @JsonProperty("account") String account,
    @JsonProperty("partition") String partition,
    @JsonProperty("nodelist") String nodeList,
    @JsonProperty("num_nodes") String numNodes,
    @JsonProperty("exit_code") String exitCode,
    @JsonProperty("derived_exit_code") String derivedExitCode,
    @JsonProperty("job_name") String jobName,
    @JsonProperty("restart_count") String restartCount) {}
