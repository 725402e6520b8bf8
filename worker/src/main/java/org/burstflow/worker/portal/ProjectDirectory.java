package org.burstflow.worker.portal;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who leads which project (Slurm account): the configured {@code burstflow.portal.project-pis}
 * and the budget accounts' principal investigators, either one suffices.
 */
public class ProjectDirectory {

  private final Map<String, List<String>> configured;
  private final BudgetAccountPis budgetAccounts;

  public ProjectDirectory(Map<String, List<String>> configured, BudgetAccountPis budgetAccounts) {
    this.configured = configured == null ? Map.of() : configured;
    this.budgetAccounts = budgetAccounts;
  }

  public boolean isPi(String user, String account) {
    if (user == null || account == null) {
      return false;
    }
    List<String> pis = configured.get(account);
    return (pis != null && pis.contains(user)) || (budgetAccounts != null && budgetAccounts.leads(user, account));
  }

  public List<String> projectsLedBy(String user) {
    TreeSet<String> accounts = new TreeSet<>();
    configured.forEach((account, pis) -> {
      if (pis != null && pis.contains(user)) {
        accounts.add(account);
      }
    });
    if (budgetAccounts != null) {
      accounts.addAll(budgetAccounts.accountsLedBy(user));
    }
    return List.copyOf(accounts);
  }
}
