package org.burstflow.worker.portal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.burstflow.worker.portal.PortalRows.Chart;
import org.burstflow.worker.portal.PortalRows.JobLine;
import org.burstflow.worker.portal.PortalRows.ReportDocument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Read-only queries of the portal over job_report (V1, V4), job_report_chart (V4), job_analysis (V3). */
public class PortalRepository {

  /** A page never lists more jobs than this; the downloads and exports are for more. */
  public static final int MAX_JOBS = 500;
  /** Aggregates look at no more jobs than this per scope and window. */
  static final int MAX_ANALYSED = 20_000;

  private static final String JOB_LINE = "SELECT r.cluster, r.job_id, r.user_name, r.account, r.partition_name, "
      + "r.subject, a.job_name, a.end_time, r.rendered_at, r.sent_at, a.efficiency_class, a.alloc_gpus, "
      + "a.gpu_mean_util, a.gpu_hours_wasted, a.cpu_efficiency "
      + "FROM job_report r LEFT JOIN job_analysis a ON a.cluster = r.cluster AND a.job_id = r.job_id ";

  private static final String ANALYSED = "SELECT job_id, user_name, account, end_time, alloc_gpus, gpu_mean_util, "
      + "gpu_hours_wasted, cpu_efficiency, efficiency_class FROM job_analysis ";

  private final JdbcTemplate jdbc;

  public PortalRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<JobLine> jobsOfUser(String cluster, String user, Instant since) {
    return jdbc.query(JOB_LINE + "WHERE r.cluster = ? AND r.user_name = ? AND r.rendered_at >= ? "
        + "ORDER BY r.rendered_at DESC, r.job_id DESC LIMIT " + MAX_JOBS, JOB_LINE_ROW, cluster, user, ts(since));
  }

  public List<JobLine> jobsOfProject(String cluster, String account, Instant since) {
    return jdbc.query(JOB_LINE + "WHERE r.cluster = ? AND r.account = ? AND r.rendered_at >= ? "
        + "ORDER BY r.rendered_at DESC, r.job_id DESC LIMIT " + MAX_JOBS, JOB_LINE_ROW, cluster, account, ts(since));
  }

  public Optional<ReportDocument> report(String cluster, long jobId) {
    return jdbc.query("SELECT r.cluster, r.job_id, r.user_name, r.account, r.partition_name, r.subject, "
        + "r.markdown, r.text_body, r.html_body, r.rendered_at, r.sent_at, a.summary_json "
        + "FROM job_report r LEFT JOIN job_analysis a ON a.cluster = r.cluster AND a.job_id = r.job_id "
        + "WHERE r.cluster = ? AND r.job_id = ?", (rs, n) -> new ReportDocument(rs.getString(1), rs.getLong(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12)), cluster, jobId)
        .stream().findFirst();
  }

  public List<Chart> charts(String cluster, long jobId) {
    return jdbc.query("SELECT name, title FROM job_report_chart WHERE cluster = ? AND job_id = ? ORDER BY name",
        (rs, n) -> new Chart(rs.getString(1), rs.getString(2)), cluster, jobId);
  }

  public Optional<byte[]> chartPng(String cluster, long jobId, String name) {
    return jdbc.query("SELECT png FROM job_report_chart WHERE cluster = ? AND job_id = ? AND name = ?",
        (rs, n) -> rs.getBytes(1), cluster, jobId, name).stream().findFirst();
  }

  public List<Analysed> analysedOfUser(String cluster, String user, Instant since) {
    return jdbc.query(ANALYSED + "WHERE cluster = ? AND user_name = ? AND end_time >= ? ORDER BY end_time DESC LIMIT "
        + MAX_ANALYSED, ANALYSED_ROW, cluster, user, ts(since));
  }

  public List<Analysed> analysedOfProject(String cluster, String account, Instant since) {
    return jdbc.query(ANALYSED + "WHERE cluster = ? AND account = ? AND end_time >= ? ORDER BY end_time DESC LIMIT "
        + MAX_ANALYSED, ANALYSED_ROW, cluster, account, ts(since));
  }

  /** Every user's analysed jobs in the window: the site-wide (anonymous) figures and the export. */
  public List<Analysed> analysedOfSite(String cluster, Instant since) {
    return jdbc.query(ANALYSED + "WHERE cluster = ? AND end_time >= ? ORDER BY end_time DESC LIMIT "
        + MAX_ANALYSED, ANALYSED_ROW, cluster, ts(since));
  }

  private static final RowMapper<JobLine> JOB_LINE_ROW = (rs, n) -> new JobLine(rs.getString(1), rs.getLong(2),
      rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8),
      instant(rs, 9), instant(rs, 10), rs.getString(11), integer(rs, 12), dbl(rs, 13), dbl(rs, 14), dbl(rs, 15));

  private static final RowMapper<Analysed> ANALYSED_ROW = (rs, n) -> new Analysed(rs.getLong(1), rs.getString(2),
      rs.getString(3), instant(rs, 4), integer(rs, 5), dbl(rs, 6), dbl(rs, 7), dbl(rs, 8), rs.getString(9));

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }

  private static Double dbl(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }
}
