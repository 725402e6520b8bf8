package org.burstflow.worker.config;

import java.math.BigDecimal;
import java.util.Map;
import org.burstflow.activities.budget.HoldLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the budget accounts listed in configuration if they do not exist yet. */
@Component
class BudgetAccountBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BudgetAccountBootstrap.class);

  private final HoldLedger ledger;
  private final BurstflowProperties props;

  BudgetAccountBootstrap(HoldLedger ledger, BurstflowProperties props) {
    this.ledger = ledger;
    this.props = props;
  }

  @Override
  public void run(ApplicationArguments args) {
    Map<String, BigDecimal> accounts = props.budget().accounts();
    if (accounts == null) {
      return;
    }
    accounts.forEach(
        (account, limit) -> {
          ledger.ensureAccount(account, limit);
          log.info("budget account {} present (limit {} if newly created)", account, limit);
        });
  }
}
