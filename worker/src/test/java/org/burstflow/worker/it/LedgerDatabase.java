package org.burstflow.worker.it;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The dev stack's MariaDB, migrated by the product's own Flyway scripts. */
final class LedgerDatabase {

  private static MysqlDataSource dataSource;

  static synchronized DataSource migrated() {
    if (dataSource == null) {
      MysqlDataSource ds = new MysqlDataSource();
      ds.setURL("jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED");
      ds.setUser("burstflow");
      ds.setPassword("burstflow");
      Flyway.configure().dataSource(ds).load().migrate();
      dataSource = ds;
    }
    return dataSource;
  }

  /** A name of its own per test, so runs never see each other's accounts or jobs. */
  static String uniqueName(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static long count(String sql, Object... args) {
    try (Connection c = migrated().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private LedgerDatabase() {}
}
