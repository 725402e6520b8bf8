package org.burstflow.contracts.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /api/v1/hooks/resume}, as {@code slurm-hooks/resume} sends it: the
 * hostlist argument, the verbatim {@code SLURM_RESUME_FILE} (Slurm ≥ 22.05), null if absent, and
 * when Slurm called (epoch seconds; null from older hooks).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResumeHookEvent(
    @JsonProperty("cluster") String cluster,
    @JsonProperty("hostlist") String hostlist,
    @JsonProperty("resume_file") ResumeFile resumeFile,
    @JsonProperty("requested_at") Long requestedAt) {

  public ResumeHookEvent(String cluster, String hostlist, ResumeFile resumeFile) {
    this(cluster, hostlist, resumeFile, null);
  }

  /** {@code {"jobs":[{"job_id":6,"nodes":"burst-1"}],"all_nodes":"burst-1"}} */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ResumeFile(
      @JsonProperty("jobs") List<ResumeJob> jobs, @JsonProperty("all_nodes") String allNodes) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ResumeJob(@JsonProperty("job_id") long jobId, @JsonProperty("nodes") String nodes) {}
}
