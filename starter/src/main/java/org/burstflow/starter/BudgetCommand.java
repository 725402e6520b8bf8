package org.burstflow.starter;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code burstflow budget …}: the ledger through the worker's REST API. */
@Command(
    name = "budget",
    mixinStandardHelpOptions = true,
    description = "Budget accounts, holds, charges, recovery and burn rate (through the worker's REST API).",
    subcommands = {
      BudgetCommand.Accounts.class,
      BudgetCommand.Check.class,
      BudgetCommand.Transactions.class,
      BudgetCommand.Reconcile.class,
      BudgetCommand.Recover.class,
      BudgetCommand.Status.class
    })
class BudgetCommand {

  @Command(name = "accounts", mixinStandardHelpOptions = true,
      description = "List budget accounts, or show one with its balances and partition limits.")
  static class Accounts implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "Slurm account to show (default: list all)")
    String account;

    @Option(names = "--status", description = "active, inactive, suspended or expired")
    String status;

    @Option(names = "--limit", defaultValue = "100", description = "at most this many (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      if (account != null) {
        return api.get("/api/v1/accounts/" + account, Map.of());
      }
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("status", status);
      q.put("limit", limit);
      return api.get("/api/v1/accounts", q);
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Estimate a job and place its hold, as ASBB's POST /api/v1/budget/check does. "
          + "Prints available:false (and holds nothing) when the account cannot cover it.")
  static class Check implements Callable<Integer> {
    @Option(names = "--account", required = true) String account;
    @Option(names = "--partition", required = true) String partition;
    @Option(names = "--nodes", required = true) int nodes;
    @Option(names = "--cpus", required = true, description = "CPUs in total") int cpus;
    @Option(names = "--gpus", defaultValue = "0", description = "GPUs in total") int gpus;
    @Option(names = "--wall-time", required = true, description = "HH:MM, HH:MM:SS or D-HH:MM:SS") String wallTime;
    @Option(names = "--job-id", description = "Slurm job id: makes the hold idempotent per job") Long jobId;
    @Option(names = "--cluster", description = "Slurm cluster of --job-id (default: the worker's)") String cluster;
    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("account", account);
      body.put("partition", partition);
      body.put("nodes", nodes);
      body.put("cpus", cpus);
      body.put("gpus", gpus);
      body.put("wall_time", wallTime);
      if (jobId != null) {
        body.put("job_id", jobId);
      }
      if (cluster != null) {
        body.put("cluster", cluster);
      }
      return api.post("/api/v1/budget/check", body);
    }
  }

  @Command(name = "transactions", mixinStandardHelpOptions = true,
      description = "The journal's operations, newest first.")
  static class Transactions implements Callable<Integer> {
    @Option(names = "--account") String account;
    @Option(names = "--job-id") Long jobId;
    @Option(names = "--cluster") String cluster;
    @Option(names = "--type", description = "hold, reconcile, release, refund, adjustment or allocation") String type;
    @Option(names = "--since", description = "RFC 3339 time, e.g. 2026-11-01T00:00:00Z") String since;
    @Option(names = "--until", description = "RFC 3339 time") String until;
    @Option(names = "--limit", defaultValue = "50", description = "(default: ${DEFAULT-VALUE})") int limit;
    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("account", account);
      q.put("job_id", jobId);
      q.put("cluster", cluster);
      q.put("type", type);
      q.put("start_date", since);
      q.put("end_date", until);
      q.put("limit", limit);
      return api.get("/api/v1/transactions", q);
    }
  }

  @Command(name = "reconcile", mixinStandardHelpOptions = true,
      description = "Charge a hold's actual cost and release the hold (once: a repeat prints the first result).")
  static class Reconcile implements Callable<Integer> {
    @Parameters(index = "0", description = "the hold's transaction id, e.g. hold:dev:4242:1") String transactionId;
    @Option(names = "--actual-cost", required = true) BigDecimal actualCost;
    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      return api.post("/api/v1/budget/reconcile", Map.of("transaction_id", transactionId, "actual_cost", actualCost));
    }
  }

  @Command(name = "recover", mixinStandardHelpOptions = true,
      description = "Settle orphaned holds now: reconcile those whose job ended per sacct, release those sacct "
          + "does not know after the unknown-job period (admin).")
  static class Recover implements Callable<Integer> {
    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      return api.post("/api/v1/budget/recover", null);
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "An account's balances, daily and expected burn, variance, projected depletion, health and alerts.")
  static class Status implements Callable<Integer> {
    @Parameters(index = "0", description = "Slurm account") String account;
    @Mixin BudgetApiClient api;

    @Override
    public Integer call() {
      return api.get("/api/v1/accounts/" + account + "/status", Map.of());
    }
  }
}
