package org.burstflow.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.burstflow.activities.budget.AccountChanges;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.HoldOrder;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.LedgerAudit;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;

/**
 * {@code java -jar bench/target/burstflow-bench.jar [clients] [accounts] [seconds]}: N clients
 * place and reconcile holds on a few accounts through HoldLedger (the service's own path: pool,
 * JDBC, account lock, journal) for a fixed time, while a sampler looks for any account or
 * partition below zero; then the same number of hold+reconcile calls run as one stored procedure
 * under {@code mysqlslap --concurrency=N}, the floor. Accounts are tight (5 holds' worth) so
 * holds are refused and the no-overcommit rule is exercised, not idle. Needs the worker's schema
 * (start the worker once) and mysqlslap (mariadb-client).
 */
public final class LedgerBench {

  private static final BigDecimal ESTIMATE = new BigDecimal("1.0000");
  private static final BigDecimal BUFFER = new BigDecimal("1.2");
  private static final BigDecimal ACTUAL = new BigDecimal("0.0005");
  private static final BigDecimal LIMIT = new BigDecimal("6.0000");

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String host = env("BURSTFLOW_DB_HOST", "127.0.0.1");
    int port = Integer.parseInt(env("BURSTFLOW_DB_PORT", "3306"));
    String user = env("BURSTFLOW_DB_USER", "burstflow");
    String password = env("BURSTFLOW_DB_PASSWORD", "burstflow");
    String database = env("BURSTFLOW_DB_NAME", "burstflow");

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:mysql://" + host + ":" + port + "/" + database + "?sslMode=DISABLED");
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(clients + 2);
    try (HikariDataSource db = new HikariDataSource(config)) {
      String run = UUID.randomUUID().toString().substring(0, 6);
      String servicePrefix = "bench-" + run + "-";
      String floorPrefix = "slap-" + run + "-";
      createAccounts(db, servicePrefix, accounts);
      createAccounts(db, floorPrefix, accounts);

      ServiceRun service = runService(db, run, servicePrefix, clients, accounts, seconds);
      int audited = 0;
      List<String> problems = new ArrayList<>();
      LedgerAudit audit = new LedgerAudit(db);
      HoldLedger ledger = new HoldLedger(db);
      for (int i = 0; i < accounts; i++) {
        String account = servicePrefix + i;
        problems.addAll(audit.problems(account, ledger.balance(account)));
        problems.addAll(audit.unbalancedOperations(account));
        audited++;
      }

      int calls = (int) (service.granted + service.refused);
      MysqlslapFloor.createProcedure(db);
      MysqlslapFloor.Result floor;
      try {
        floor = MysqlslapFloor.run(host, port, user, password, database, clients, calls, floorPrefix, accounts);
      } finally {
        MysqlslapFloor.dropProcedure(db);
      }
      long floorGranted = count(db, "SELECT COUNT(*) FROM budget_operation WHERE kind = 'HOLD' AND account LIKE ?",
          floorPrefix + "%");

      Latencies holds = Latencies.merge(service.holdLatencies);
      Latencies reconciles = Latencies.merge(service.reconcileLatencies);
      double holdsPerSecond = service.granted / service.seconds;
      double floorHoldsPerSecond = floorGranted / floor.seconds();
      System.out.printf("ledger benchmark: %d clients, %d accounts (limit %s, hold %s each), %d s%n",
          clients, accounts, LIMIT, ESTIMATE.multiply(BUFFER).setScale(4), seconds);
      System.out.printf("service path (HoldLedger, JDBC pool):%n");
      System.out.printf("  holds granted %d (%.0f/s), refused %d; reconciled %d%n",
          service.granted, holdsPerSecond, service.refused, reconciles.size());
      System.out.printf("  hold      p50 %.2f ms  p99 %.2f ms%n", holds.quantileMillis(0.5), holds.quantileMillis(0.99));
      System.out.printf("  reconcile p50 %.2f ms  p99 %.2f ms%n",
          reconciles.quantileMillis(0.5), reconciles.quantileMillis(0.99));
      System.out.printf("  overcommit: %d of %d samples; journal ≠ balances or unbalanced: %d of %d accounts %s%n",
          service.overcommitSamples, service.samples, problems.size(), audited, problems);
      System.out.printf("floor (same statements as one stored procedure, mysqlslap --concurrency=%d):%n", clients);
      System.out.printf("  %d calls in %.2f s: %.0f calls/s, holds granted %d (%.0f/s)%n",
          floor.calls(), floor.seconds(), floor.callsPerSecond(), floorGranted, floorHoldsPerSecond);
      System.out.printf("service / floor, granted holds per second: %.2f%n", holdsPerSecond / floorHoldsPerSecond);
      if (service.overcommitSamples > 0 || !problems.isEmpty()) {
        System.exit(1);
      }
    }
  }

  /** What the service-path run measured. */
  private static final class ServiceRun {
    final List<Latencies> holdLatencies = new ArrayList<>();
    final List<Latencies> reconcileLatencies = new ArrayList<>();
    long granted;
    long refused;
    long samples;
    long overcommitSamples;
    double seconds;
  }

  private static ServiceRun runService(HikariDataSource db, String run, String prefix, int clients, int accounts,
      int seconds) throws Exception {
    HoldLedger ledger = new HoldLedger(db);
    ServiceRun result = new ServiceRun();
    AtomicLong granted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int client = 0; client < clients; client++) {
      Latencies holdLatency = new Latencies();
      Latencies reconcileLatency = new Latencies();
      result.holdLatencies.add(holdLatency);
      result.reconcileLatencies.add(reconcileLatency);
      long firstJob = (client + 1) * 1_000_000_000L;
      threads.add(new Thread(() -> {
        long job = firstJob;
        while (!stop.get()) {
          String account = prefix + ThreadLocalRandom.current().nextInt(accounts);
          long t0 = System.nanoTime();
          HoldResult hold;
          try {
            hold = ledger.hold(HoldOrder.forJob(new JobKey("bench" + run, job++), 1, account, "cloud", ESTIMATE, BUFFER));
          } catch (InsufficientBudgetException e) {
            refused.incrementAndGet();
            continue;
          }
          long t1 = System.nanoTime();
          ledger.reconcile(hold.transactionId(), ACTUAL, "{}");
          long t2 = System.nanoTime();
          holdLatency.add(t1 - t0);
          reconcileLatency.add(t2 - t1);
          granted.incrementAndGet();
        }
      }, "bench-client-" + client));
    }
    Thread sampler = new Thread(() -> {
      while (!stop.get()) {
        result.samples++;
        result.overcommitSamples += count(db, "SELECT COUNT(*) FROM budget_account a LEFT JOIN budget_partition_limit p "
            + "ON p.account = a.account WHERE a.account LIKE ? AND (a.limit_amount - a.used_amount - a.held_amount < 0 "
            + "OR p.limit_amount - p.used_amount - p.held_amount < 0)", prefix + "%");
        sleep(20);
      }
    }, "bench-sampler");
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    sampler.start();
    sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    sampler.join();
    result.seconds = (System.nanoTime() - start) / 1e9;
    result.granted = granted.get();
    result.refused = refused.get();
    return result;
  }

  private static void createAccounts(HikariDataSource db, String prefix, int accounts) {
    BudgetAccounts budgetAccounts = new BudgetAccounts(db);
    for (int i = 0; i < accounts; i++) {
      budgetAccounts.create(prefix + i, new AccountChanges("benchmark", null, null, null, null, LIMIT, null,
          Map.of("cloud", LIMIT)));
    }
  }

  private static long count(HikariDataSource db, String sql, String arg) {
    try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, arg);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private LedgerBench() {}
}
