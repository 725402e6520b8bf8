package org.burstflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The floor: HoldLedger's statements for a hold and its reconciliation as one stored procedure,
 * called by {@code mysqlslap --concurrency=N}. No Java, pool or client round trips between
 * statements: what the database alone costs for the same work.
 */
final class MysqlslapFloor {

  /** Calls made, and how long mysqlslap took for all of them. */
  record Result(int calls, double seconds) {
    double callsPerSecond() {
      return calls / seconds;
    }
  }

  private static final Pattern AVERAGE = Pattern.compile("Average number of seconds to run all queries: ([0-9.]+)");

  static void createProcedure(DataSource db) throws IOException, SQLException {
    String sql;
    try (InputStream in = MysqlslapFloor.class.getResourceAsStream("/bench_hold_reconcile.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP PROCEDURE IF EXISTS bench_hold_reconcile");
      st.execute(sql);
    }
  }

  static void dropProcedure(DataSource db) throws SQLException {
    try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP PROCEDURE IF EXISTS bench_hold_reconcile");
    }
  }

  static Result run(String host, int port, String user, String password, String database, int concurrency,
      int calls, String accountPrefix, int accounts) throws IOException, InterruptedException {
    List<String> command = List.of("mysqlslap", "-h", host, "-P", Integer.toString(port), "-u", user,
        "--password=" + password, "--create-schema=" + database, "--no-drop", "--concurrency=" + concurrency,
        "--iterations=1", "--number-of-queries=" + calls,
        "--query=CALL bench_hold_reconcile('" + accountPrefix + "', " + accounts + ")");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("mysqlslap failed (install mariadb-client):\n" + out);
    }
    Matcher m = AVERAGE.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("mysqlslap printed no timing:\n" + out);
    }
    return new Result(calls, Double.parseDouble(m.group(1)));
  }

  private MysqlslapFloor() {}
}
