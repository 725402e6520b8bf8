package org.burstflow.worker.budget;

import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetRecovery;
import org.burstflow.activities.budget.BudgetStatus;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.ReconciliationStats;
import org.burstflow.activities.budget.TransactionQuery;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The budget API's real controllers, filter and error handling over real services, without
 * starting the whole worker (which would register Temporal workers on the shared dev server).
 */
public final class BudgetApiTestSetup {

  public static MockMvc mockMvc(ObjectMapper json, BurstflowProperties props, HoldLedger ledger,
      BudgetAccounts accounts, PartitionPricing pricing, BudgetRecovery recovery, TransactionQuery transactions,
      BudgetStatus status, ReconciliationStats stats, DataSource db) {
    return MockMvcBuilders.standaloneSetup(
            new BudgetController(ledger, accounts, pricing, recovery, props),
            new AccountController(accounts, status),
            new TransactionController(transactions),
            new AsbxController(ledger, pricing, stats, props, json),
            new HealthController(db))
        .setControllerAdvice(new BudgetApiExceptionHandler())
        .setMessageConverters(new MappingJackson2HttpMessageConverter(json))
        .addFilters(new ApiKeyFilter(new ApiKeyRegistry(props), json))
        .build();
  }

  private BudgetApiTestSetup() {}
}
