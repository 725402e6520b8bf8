package org.burstflow.activities.analysis.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.burstflow.activities.analysis.PastRun;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.slurm.JobAccounting;

/** Analysed jobs' summaries ({@code job_analysis}, migration V3): the history of each script. */
public class JobHistoryStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;

  public JobHistoryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts or replaces the job's summary. */
  public void save(JobAnalysis a, JobAccounting acc) {
    String sql = "INSERT INTO job_analysis (cluster, job_id, user_name, account, script_hash, job_name, state, "
        + "end_time, elapsed_seconds, alloc_cpus, alloc_gpus, peak_rss_bytes, cpu_efficiency, memory_efficiency, "
        + "time_efficiency, gpu_mean_util, gpu_hours_wasted, efficiency_class, summary_json) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
        + "user_name = VALUES(user_name), account = VALUES(account), script_hash = VALUES(script_hash), "
        + "job_name = VALUES(job_name), state = VALUES(state), end_time = VALUES(end_time), "
        + "elapsed_seconds = VALUES(elapsed_seconds), alloc_cpus = VALUES(alloc_cpus), "
        + "alloc_gpus = VALUES(alloc_gpus), peak_rss_bytes = VALUES(peak_rss_bytes), "
        + "cpu_efficiency = VALUES(cpu_efficiency), memory_efficiency = VALUES(memory_efficiency), "
        + "time_efficiency = VALUES(time_efficiency), gpu_mean_util = VALUES(gpu_mean_util), "
        + "gpu_hours_wasted = VALUES(gpu_hours_wasted), efficiency_class = VALUES(efficiency_class), "
        + "summary_json = VALUES(summary_json), analysed_at = CURRENT_TIMESTAMP(3)";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      st.setString(i++, a.cluster());
      st.setLong(i++, a.jobId());
      st.setString(i++, acc.user());
      st.setString(i++, acc.account());
      st.setString(i++, a.scriptHash());
      st.setString(i++, acc.jobName());
      st.setString(i++, acc.state());
      st.setTimestamp(i++, acc.end() == null ? null : Timestamp.from(acc.end()));
      setDouble(st, i++, a.elapsedSeconds());
      st.setInt(i++, acc.allocCpus());
      if (a.gpu() == null) {
        st.setNull(i++, Types.INTEGER);
      } else {
        st.setInt(i++, a.gpu().allocatedGpus());
      }
      if (acc.peakRssBytes() == null) {
        st.setNull(i++, Types.BIGINT);
      } else {
        st.setLong(i++, acc.peakRssBytes());
      }
      setDouble(st, i++, a.cpuEfficiency());
      setDouble(st, i++, a.memoryEfficiency());
      setDouble(st, i++, a.timeEfficiency());
      setDouble(st, i++, a.gpu() == null ? null : a.gpu().meanUtil());
      setDouble(st, i++, a.gpu() == null ? null : a.gpu().gpuHoursWasted());
      st.setString(i++, a.efficiencyClass().name());
      st.setString(i, JSON.writeValueAsString(a));
      st.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("could not store the analysis of job " + a.jobId() + ": " + e.getMessage(), e);
    }
  }

  /** Earlier runs of the same script by the same user, newest first, at most {@code limit}. */
  public List<PastRun> pastRuns(String cluster, String user, String scriptHash, long excludingJob, int limit) {
    if (scriptHash == null || user == null) {
      return List.of();
    }
    String sql = "SELECT job_id, state, elapsed_seconds, peak_rss_bytes FROM job_analysis "
        + "WHERE cluster = ? AND user_name = ? AND script_hash = ? AND job_id <> ? "
        + "ORDER BY end_time DESC LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, cluster);
      st.setString(2, user);
      st.setString(3, scriptHash);
      st.setLong(4, excludingJob);
      st.setInt(5, limit);
      List<PastRun> runs = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          double elapsed = rs.getDouble(3);
          Duration d = rs.wasNull() ? null : Duration.ofMillis(Math.round(elapsed * 1000));
          long rss = rs.getLong(4);
          runs.add(new PastRun(rs.getLong(1), rs.getString(2), d, rs.wasNull() ? null : rss));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the history of script " + scriptHash + ": " + e.getMessage(), e);
    }
  }

  /** A user's analysed jobs, newest first, each as its stored JSON summary plus the row's keys. */
  public List<HistoryEntry> recent(String cluster, String user, Instant since, int limit) {
    String sql = "SELECT job_id, job_name, script_hash, state, end_time, elapsed_seconds, alloc_gpus, "
        + "cpu_efficiency, memory_efficiency, time_efficiency, gpu_mean_util, gpu_hours_wasted, efficiency_class "
        + "FROM job_analysis WHERE cluster = ? AND user_name = ? AND (end_time IS NULL OR end_time >= ?) "
        + "ORDER BY end_time DESC LIMIT ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, cluster);
      st.setString(2, user);
      st.setTimestamp(3, Timestamp.from(since));
      st.setInt(4, limit);
      List<HistoryEntry> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Timestamp end = rs.getTimestamp(5);
          out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              end == null ? null : end.toInstant(), getDouble(rs, 6), getInt(rs, 7), getDouble(rs, 8),
              getDouble(rs, 9), getDouble(rs, 10), getDouble(rs, 11), getDouble(rs, 12), rs.getString(13)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the history of " + user + ": " + e.getMessage(), e);
    }
  }

  private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
    if (v == null) {
      st.setNull(i, Types.DOUBLE);
    } else {
      st.setDouble(i, v);
    }
  }

  private static Double getDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  private static Integer getInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }
}
