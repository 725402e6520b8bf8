package org.burstflow.activities.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.burstflow.contracts.JobKey;

/** Rendered reports, one per job, with their delivery state: the portal's source of truth. */
public class ReportStore {

  /** A stored report; {@code sentAt} is null until the e-mail went out. */
  public record Stored(
      JobKey job, String recipient, String subject, String markdown, String text, String html,
      Instant sentAt, String messageId, String user, String partition, boolean gpuJob,
      String efficiencyClass, String deliveryStatus) {}

  private final DataSource dataSource;

  public ReportStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whose report it is: the job's user and Slurm account (the PI's project), and its partition. */
  public record Owner(String user, String account, String partition) {}

  /**
   * What routing and digests need without re-reading the analysis: the job's name and state,
   * whether it had GPUs, and its efficiency class (null without an analysis).
   */
  public record Listing(String jobName, String state, boolean gpuJob, String efficiencyClass) {

    static final Listing UNKNOWN = new Listing(null, null, false, null);
  }

  /** Inserts or replaces the rendering; the delivery state of an existing row is kept. */
  public void save(JobKey job, Owner owner, String recipient, RenderedReport report) {
    save(job, owner, Listing.UNKNOWN, recipient, report);
  }

  /** Inserts or replaces the rendering; the delivery state of an existing row is kept. */
  public void save(JobKey job, Owner owner, Listing listing, String recipient, RenderedReport report) {
    String sql =
        "INSERT INTO job_report (cluster, job_id, user_name, account, partition_name, recipient, subject, "
            + "markdown, text_body, html_body, gpu_job, efficiency_class, job_name, job_state) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE user_name = VALUES(user_name), account = VALUES(account), "
            + "gpu_job = VALUES(gpu_job), efficiency_class = VALUES(efficiency_class), "
            + "job_name = VALUES(job_name), job_state = VALUES(job_state), "
            + "partition_name = VALUES(partition_name), recipient = VALUES(recipient), "
            + "subject = VALUES(subject), markdown = VALUES(markdown), text_body = VALUES(text_body), "
            + "html_body = VALUES(html_body), rendered_at = CURRENT_TIMESTAMP(3)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, job.cluster());
      st.setLong(2, job.jobId());
      st.setString(3, owner.user());
      st.setString(4, owner.account());
      st.setString(5, owner.partition());
      st.setString(6, recipient);
      st.setString(7, report.subject());
      st.setString(8, report.markdown());
      st.setString(9, report.text());
      st.setString(10, report.html());
      st.setBoolean(11, listing.gpuJob());
      st.setString(12, listing.efficiencyClass());
      st.setString(13, listing.jobName());
      st.setString(14, listing.state());
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the report of " + job + ": " + e.getMessage(), e);
    }
  }

  public Optional<Stored> find(JobKey job) {
    String sql =
        "SELECT recipient, subject, markdown, text_body, html_body, sent_at, message_id, user_name, "
            + "partition_name, gpu_job, efficiency_class, delivery_status "
            + "FROM job_report WHERE cluster = ? AND job_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, job.cluster());
      st.setLong(2, job.jobId());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp sent = rs.getTimestamp(6);
        return Optional.of(
            new Stored(job, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), sent == null ? null : sent.toInstant(), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getBoolean(10), rs.getString(11), rs.getString(12)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the report of " + job + ": " + e.getMessage(), e);
    }
  }

  public void markSent(JobKey job, String messageId) {
    String sql =
        "UPDATE job_report SET sent_at = CURRENT_TIMESTAMP(3), message_id = ?, delivery_status = 'SENT', "
            + "delivery_detail = NULL, delivery_failed_at = NULL "
            + "WHERE cluster = ? AND job_id = ? AND sent_at IS NULL";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, messageId);
      st.setString(2, job.cluster());
      st.setLong(3, job.jobId());
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record the delivery of " + job + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the report's charts (a re-rendered report may have other ones). The report row must
   * exist: charts are saved after {@link #save}.
   */
  public void saveCharts(JobKey job, List<ChartImage> charts) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM job_report_chart WHERE cluster = ? AND job_id = ?");
          PreparedStatement insert = c.prepareStatement(
              "INSERT INTO job_report_chart (cluster, job_id, name, title, png) VALUES (?, ?, ?, ?, ?)")) {
        delete.setString(1, job.cluster());
        delete.setLong(2, job.jobId());
        delete.executeUpdate();
        for (ChartImage chart : charts) {
          insert.setString(1, job.cluster());
          insert.setLong(2, job.jobId());
          insert.setString(3, chart.name());
          insert.setString(4, chart.title());
          insert.setBytes(5, chart.png());
          insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the charts of " + job + ": " + e.getMessage(), e);
    }
  }

  /** The report's charts in name order; the description is the title (alt text lives in the HTML). */
  public List<ChartImage> charts(JobKey job) {
    String sql = "SELECT name, title, png FROM job_report_chart WHERE cluster = ? AND job_id = ? ORDER BY name";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, job.cluster());
      st.setLong(2, job.jobId());
      List<ChartImage> charts = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          charts.add(new ChartImage(rs.getString(1), rs.getString(2), rs.getString(2), rs.getBytes(3)));
        }
      }
      return charts;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the charts of " + job + ": " + e.getMessage(), e);
    }
  }

  /** One chart's PNG, for the portal's image URL. */
  public Optional<byte[]> chartPng(JobKey job, String name) {
    String sql = "SELECT png FROM job_report_chart WHERE cluster = ? AND job_id = ? AND name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, job.cluster());
      st.setLong(2, job.jobId());
      st.setString(3, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read chart " + name + " of " + job + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records what delivery routing or sending decided ({@code QUEUED}, {@code SKIPPED}); never
   * overwrites {@code SENT}, so a late retry of the routing step cannot make a sent report look unsent.
   */
  public void markDelivery(JobKey job, String status, String detail) {
    String sql = "UPDATE job_report SET delivery_status = ?, delivery_detail = ? "
        + "WHERE cluster = ? AND job_id = ? AND sent_at IS NULL";
    update(sql, job, status, truncate(detail));
  }

  /** The e-mail failed after all retries: operators find these by {@code delivery_status = 'FAILED'}. */
  public void markFailed(JobKey job, String error) {
    String sql = "UPDATE job_report SET delivery_status = 'FAILED', delivery_detail = ?, "
        + "delivery_failed_at = CURRENT_TIMESTAMP(3) WHERE cluster = ? AND job_id = ? AND sent_at IS NULL";
    update(sql, job, truncate(error));
  }

  private void update(String sql, JobKey job, String... leading) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      for (String value : leading) {
        st.setString(i++, value);
      }
      st.setString(i++, job.cluster());
      st.setLong(i, job.jobId());
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record the delivery of " + job + ": " + e.getMessage(), e);
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}
