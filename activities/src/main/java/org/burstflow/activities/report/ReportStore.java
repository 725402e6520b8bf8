package org.burstflow.activities.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.burstflow.contracts.JobKey;

/** Rendered reports, one per job, with their delivery state: the portal's source of truth. */
public class ReportStore {

  /** A stored report; {@code sentAt} is null until the e-mail went out. */
  public record Stored(
      JobKey job, String recipient, String subject, String markdown, String text, String html,
      Instant sentAt, String messageId) {}

  private final DataSource dataSource;

  public ReportStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Whose report it is: the job's user and Slurm account (the PI's project), and its partition. */
  public record Owner(String user, String account, String partition) {}

  /** Inserts or replaces the rendering; the delivery state of an existing row is kept. */
  public void save(JobKey job, Owner owner, String recipient, RenderedReport report) {
    String sql =
        "INSERT INTO job_report (cluster, job_id, user_name, account, partition_name, recipient, subject, "
            + "markdown, text_body, html_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE user_name = VALUES(user_name), account = VALUES(account), "
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
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the report of " + job + ": " + e.getMessage(), e);
    }
  }

  public Optional<Stored> find(JobKey job) {
    String sql =
        "SELECT recipient, subject, markdown, text_body, html_body, sent_at, message_id "
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
                rs.getString(5), sent == null ? null : sent.toInstant(), rs.getString(7)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the report of " + job + ": " + e.getMessage(), e);
    }
  }

  public void markSent(JobKey job, String messageId) {
    String sql =
        "UPDATE job_report SET sent_at = CURRENT_TIMESTAMP(3), message_id = ? "
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
}
