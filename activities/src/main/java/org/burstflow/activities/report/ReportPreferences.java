package org.burstflow.activities.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.burstflow.contracts.report.DeliveryMode;

/** Each user's choice of report e-mails ({@code report_preference}); no row = the site default. */
public class ReportPreferences {

  private final DataSource dataSource;
  private final DeliveryMode defaultMode;

  public ReportPreferences(DataSource dataSource, DeliveryMode defaultMode) {
    this.dataSource = dataSource;
    this.defaultMode = defaultMode;
  }

  public DeliveryMode defaultMode() {
    return defaultMode;
  }

  public DeliveryMode modeOf(String user) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement("SELECT mode FROM report_preference WHERE user_name = ?")) {
      st.setString(1, user);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? DeliveryMode.valueOf(rs.getString(1)) : defaultMode;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the report preference of " + user + ": " + e.getMessage(), e);
    }
  }

  public void set(String user, DeliveryMode mode) {
    String sql = "INSERT INTO report_preference (user_name, mode) VALUES (?, ?) "
        + "ON DUPLICATE KEY UPDATE mode = VALUES(mode)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, user);
      st.setString(2, mode.name());
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("could not store the report preference of " + user + ": " + e.getMessage(), e);
    }
  }
}
