package org.burstflow.worker.it;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.BudgetStatus;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.JobEndLookup;
import org.burstflow.activities.budget.OpenHolds;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.activities.budget.ReconciliationStats;
import org.burstflow.activities.budget.TransactionQuery;
import org.burstflow.worker.budget.BudgetApiTestSetup;
import org.burstflow.worker.config.BurstflowProperties;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The budget REST API end to end on MariaDB: ASBB shapes, error envelope, roles. */
class BudgetApiIT {

  private static final String HOOK = "it-hook-key";
  private static final String ADMIN = "it-admin-key";
  private static final String READER = "it-read-key";

  private final DataSource db = LedgerDatabase.migrated();
  private final String cluster = LedgerDatabase.uniqueName("api");
  private final String account = "acct-" + cluster;
  private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
  private final MockMvc mvc;

  BudgetApiIT() {
    BurstflowProperties props = new BurstflowProperties(cluster, null, null, null,
        new BurstflowProperties.Budget(new BigDecimal("1.2"), Duration.ofHours(24), Map.of(), Map.of(),
            new BurstflowProperties.Recovery(Duration.ofHours(2), Duration.ofHours(48))),
        null, null, null, new BurstflowProperties.Api(List.of(
            new BurstflowProperties.ApiKey("hooks", "hook", HOOK),
            new BurstflowProperties.ApiKey("ops", "admin", ADMIN),
            new BurstflowProperties.ApiKey("portal", "read-only", READER))));
    HoldLedger ledger = new HoldLedger(db);
    PartitionPricing pricing = new PartitionPricing(Map.of(
        "cloud", new PartitionRate.Burst("c5.large", new BigDecimal("0.085")),
        "local", new PartitionRate.Local(new BigDecimal("0.05"), new BigDecimal("0.10"), new BigDecimal("2.50"),
            new BigDecimal("1.3"), new BigDecimal("1.2"))));
    JobEndLookup nothingEnded = job -> new JobEndLookup.NotEnded("RUNNING");
    mvc = BudgetApiTestSetup.mockMvc(json, props, ledger, new BudgetAccounts(db), pricing,
        new BudgetRecovery(ledger, new OpenHolds(db),
        nothingEnded, pricing, cluster, Duration.ofHours(2), Duration.ofHours(48),
            Clock.system(ZoneOffset.UTC)),
        new TransactionQuery(db), new BudgetStatus(db, Clock.systemUTC()), new ReconciliationStats(db), db);
  }

  private ResultActions call(MockHttpServletRequestBuilder request, String key, Object body) throws Exception {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }
    return mvc.perform(request);
  }

  private void createAccount(String limit) throws Exception {
    call(post("/api/v1/accounts"), ADMIN, Map.of("slurm_account", account, "name", "API IT",
        "budget_limit", new BigDecimal(limit), "start_date", "2026-01-01T00:00:00Z", "end_date", "2027-01-01T00:00:00Z",
        "partition_limits", Map.of("cloud", new BigDecimal(limit))))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.slurm_account").value(account))
        .andExpect(jsonPath("$.budget_available").value(Double.parseDouble(limit)));
  }

  private Map<String, Object> check(long jobId, int nodes, String wallTime) {
    return Map.of("account", account, "partition", "cloud", "nodes", nodes, "cpus", 2, "wall_time", wallTime,
        "job_id", jobId, "cluster", cluster);
  }

  @Test
  void accountsCrudWithAsbbCodes() throws Exception {
    createAccount("100");
    call(post("/api/v1/accounts"), ADMIN, Map.of("slurm_account", account, "budget_limit", 1))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error.code").value("DUPLICATE_ACCOUNT"));
    call(get("/api/v1/accounts/no-such-" + cluster), READER, null)
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error.code").value("NOT_FOUND"))
        .andExpect(jsonPath("$.request_id", startsWith("req_")));
    call(put("/api/v1/accounts/" + account), ADMIN, Map.of("budget_limit", 150, "grant",
        Map.of("grant_number", "NSF-123", "funding_agency", "NSF")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.budget_limit").value(150.0))
        .andExpect(jsonPath("$.is_grant_funded").value(true));
    call(post("/api/v1/accounts"), HOOK, Map.of("slurm_account", "x" + account, "budget_limit", 1))
        .andExpect(status().isForbidden());
    call(get("/api/v1/transactions").param("account", account).param("type", "adjustment"), READER, null)
        .andExpect(jsonPath("$.transactions", hasSize(1)));
  }

  @Test
  void checkThenReconcileInAsbbShapes() throws Exception {
    createAccount("10");
    // 2 nodes × 2 h × 0.085 = 0.34, hold 0.408
    call(post("/api/v1/budget/check"), HOOK, check(77, 2, "02:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.available").value(true))
        .andExpect(jsonPath("$.estimated_cost").value(0.34))
        .andExpect(jsonPath("$.hold_amount").value(0.408))
        .andExpect(jsonPath("$.transaction_id").value("hold:" + cluster + ":77:1"))
        .andExpect(jsonPath("$.details.hold_percentage").value(1.2));
    call(post("/api/v1/budget/check"), HOOK, check(77, 2, "02:00"))
        .andExpect(jsonPath("$.transaction_id").value("hold:" + cluster + ":77:1"))
        .andExpect(jsonPath("$.budget_remaining").value(9.592));
    call(post("/api/v1/budget/check"), HOOK, check(78, 100, "1-00:00:00"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.available").value(false))
        .andExpect(jsonPath("$.transaction_id").doesNotExist());
    call(post("/api/v1/budget/check"), HOOK, Map.of("account", account, "partition", "cloud", "nodes", 1, "cpus", 1))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.code").value("VALIDATION_ERROR"))
        .andExpect(jsonPath("$.error.field").value("wall_time"));

    Map<String, Object> reconcile = Map.of("job_id", "77", "actual_cost", 0.3, "transaction_id", "hold:" + cluster + ":77:1");
    call(post("/api/v1/budget/reconcile"), HOOK, reconcile)
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.original_hold").value(0.408))
        .andExpect(jsonPath("$.actual_charge").value(0.3))
        .andExpect(jsonPath("$.refund_amount").value(0.108))
        .andExpect(jsonPath("$.overrun").value(false));
    call(post("/api/v1/budget/reconcile"), HOOK, reconcile)
        .andExpect(jsonPath("$.transaction_id").value("reconcile:" + cluster + ":77:1"));
    call(get("/api/v1/transactions").param("account", account).param("job_id", "77"), READER, null)
        .andExpect(jsonPath("$.transactions", hasSize(2)))
        .andExpect(jsonPath("$.transactions[0].type").value("reconcile"))
        .andExpect(jsonPath("$.transactions[0].status").value("completed"));
    call(post("/api/v1/budget/check"), READER, check(79, 1, "1:00")).andExpect(status().isForbidden());
    call(post("/api/v1/budget/check"), null, check(79, 1, "1:00")).andExpect(status().isUnauthorized());
  }

  @Test
  void asbxEndpointsAndStatusGiveRealFigures() throws Exception {
    createAccount("10");
    call(post("/api/v1/budget/check"), HOOK, check(90, 1, "01:00")).andExpect(jsonPath("$.available").value(true));
    Map<String, Object> epilog = Map.of("job_id", "90", "cluster", cluster, "account", account, "partition", "cloud",
        "job_state", "COMPLETED", "start_time", 1_700_000_000L, "end_time", 1_700_001_800L, "allocated_nodes", 1,
        "allocated_cpus", 2);
    call(post("/api/v1/asbx/epilog"), HOOK, epilog)
        .andExpect(jsonPath("$.reconciliation_triggered").value(true))
        .andExpect(jsonPath("$.data_import_status").value("completed"));
    call(get("/api/v1/transactions").param("account", account).param("type", "reconcile"), READER, null)
        .andExpect(jsonPath("$.transactions[0].amount").value(0.0425)); // 1 node × 0.5 h × 0.085
    Map<String, Object> noHold = new java.util.HashMap<>(epilog);
    noHold.put("job_id", "91");
    call(post("/api/v1/asbx/epilog"), HOOK, noHold)
        .andExpect(jsonPath("$.reconciliation_triggered").value(false))
        .andExpect(jsonPath("$.data_import_status").value("skipped"));
    call(get("/api/v1/asbx/status"), READER, null)
        .andExpect(jsonPath("$.integration_enabled").value(true))
        .andExpect(jsonPath("$.health_status").value("healthy"));
    call(get("/api/v1/accounts/" + account + "/status"), READER, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.budget_used").value(0.0425))
        .andExpect(jsonPath("$.health_status").exists())
        .andExpect(jsonPath("$.expected_daily_rate").exists());
  }

  @Test
  void anInactiveAccountIs402() throws Exception {
    createAccount("10");
    call(put("/api/v1/accounts/" + account), ADMIN, Map.of("status", "suspended")).andExpect(status().isOk());
    call(post("/api/v1/budget/check"), HOOK, check(95, 1, "01:00"))
        .andExpect(status().isPaymentRequired())
        .andExpect(jsonPath("$.error.code").value("ACCOUNT_INACTIVE"));
    call(get("/health"), null, null).andExpect(status().isOk()).andExpect(jsonPath("$.database").value("connected"));
  }

  @Test
  void recoveryIsForAdmins() throws Exception {
    createAccount("10");
    call(post("/api/v1/budget/recover"), HOOK, null).andExpect(status().isForbidden());
    call(post("/api/v1/budget/recover"), ADMIN, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.still_open").isNumber())
        .andExpect(jsonPath("$.reconciled").isArray());
  }
}
