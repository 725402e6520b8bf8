package org.burstflow.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads a digest's lines: each report joined with its job's analysis summary ({@code job_analysis}). */
public class DigestEntries {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataSource dataSource;

  public DigestEntries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** In the order of {@code jobIds}; jobs without a stored report are left out. */
  public List<DigestEntry> read(String cluster, List<Long> jobIds) {
    String sql = "SELECT COALESCE(a.job_name, r.job_name), COALESCE(a.state, r.job_state), COALESCE(a.efficiency_class, r.efficiency_class), a.elapsed_seconds, "
        + "a.cpu_efficiency, a.gpu_mean_util, a.gpu_hours_wasted, a.summary_json "
        + "FROM job_report r LEFT JOIN job_analysis a ON a.cluster = r.cluster AND a.job_id = r.job_id "
        + "WHERE r.cluster = ? AND r.job_id = ?";
    List<DigestEntry> entries = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (long jobId : jobIds) {
        st.setString(1, cluster);
        st.setLong(2, jobId);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            entries.add(new DigestEntry(jobId, rs.getString(1), rs.getString(2), rs.getString(3),
                (Double) rs.getObject(4, Double.class), rs.getObject(5, Double.class),
                rs.getObject(6, Double.class), rs.getObject(7, Double.class), causeCodes(rs.getString(8))));
          }
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the digest lines of " + cluster + " " + jobIds + ": " + e.getMessage(), e);
    }
  }

  private static List<String> causeCodes(String summaryJson) {
    if (summaryJson == null) {
      return List.of();
    }
    try {
      List<String> codes = new ArrayList<>();
      for (JsonNode cause : JSON.readTree(summaryJson).path("causes")) {
        codes.add(cause.path("code").asText());
      }
      return codes;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("job_analysis.summary_json is not JSON: " + e.getMessage(), e);
    }
  }
}
