package org.burstflow.activities.report;

import java.util.List;

/**
 * One job's line in a digest e-mail, from its stored report and its analysis (analysis figures
 * are null when the job has none).
 */
public record DigestEntry(long jobId, String jobName, String state, String efficiencyClass,
    Double elapsedSeconds, Double cpuEfficiency, Double gpuMeanUtil, Double gpuHoursWasted,
    List<String> causeCodes) {

  public DigestEntry {
    causeCodes = List.copyOf(causeCodes);
  }
}
