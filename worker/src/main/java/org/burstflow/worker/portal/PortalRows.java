package org.burstflow.worker.portal;

import java.time.Instant;

/** What the portal reads from job_report, job_report_chart and job_analysis. */
public final class PortalRows {

  /** One line of a job list: the report's keys and owner, with the analysis' headline figures. */
  public record JobLine(
      String cluster, long jobId, String user, String account, String partition, String subject,
      String jobName, Instant endTime, Instant renderedAt, Instant sentAt, String efficiencyClass,
      Integer allocGpus, Double gpuMeanUtil, Double gpuHoursWasted, Double cpuEfficiency) {}

  /** A stored report, every rendering of it, and the analysis it was made from (JSON, may be null). */
  public record ReportDocument(
      String cluster, long jobId, String user, String account, String partition, String subject,
      String markdown, String text, String html, Instant renderedAt, Instant sentAt, String analysisJson) {}

  /** A chart stored with a report; {@code name} is also its {@code cid:} in the HTML. */
  public record Chart(String name, String title) {}

  /** One analysed job, as the aggregates need it. */
  public record Analysed(
      long jobId, String user, String account, Instant endTime, Integer allocGpus, Double gpuMeanUtil,
      Double gpuHoursWasted, Double cpuEfficiency, String efficiencyClass) {

    public boolean gpuJob() {
      return allocGpus != null && allocGpus > 0;
    }
  }

  private PortalRows() {}
}
