package org.burstflow.worker.budget;

import java.time.Clock;
import javax.sql.DataSource;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetStatus;
import org.burstflow.activities.budget.LedgerAudit;
import org.burstflow.activities.budget.ReconciliationStats;
import org.burstflow.activities.budget.TransactionQuery;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's read and account services behind the REST API. */
@Configuration
class BudgetApiConfig {

  @Bean
  BudgetAccounts budgetAccounts(DataSource dataSource) {
    return new BudgetAccounts(dataSource);
  }

  @Bean
  TransactionQuery transactionQuery(DataSource dataSource) {
    return new TransactionQuery(dataSource);
  }

  @Bean
  BudgetStatus budgetStatus(DataSource dataSource) {
    return new BudgetStatus(dataSource, Clock.systemUTC());
  }

  @Bean
  ReconciliationStats reconciliationStats(DataSource dataSource) {
    return new ReconciliationStats(dataSource);
  }

  @Bean
  LedgerAudit ledgerAudit(DataSource dataSource) {
    return new LedgerAudit(dataSource);
  }
}
