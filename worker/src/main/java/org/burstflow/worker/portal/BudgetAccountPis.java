package org.burstflow.worker.portal;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The budget accounts' {@code principal_investigator} (migration V2), read as a login name: an
 * account whose field holds {@code alice} is led by the user alice. A field holding a person's
 * full name matches no login; configure such projects in {@code burstflow.portal.project-pis}.
 */
public class BudgetAccountPis {

  private final JdbcTemplate jdbc;

  public BudgetAccountPis(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean leads(String user, String account) {
    Integer n = jdbc.queryForObject(
        "SELECT COUNT(*) FROM budget_account WHERE account = ? AND LOWER(TRIM(principal_investigator)) = ?",
        Integer.class, account, user.toLowerCase(Locale.ROOT));
    return n != null && n > 0;
  }

  public List<String> accountsLedBy(String user) {
    return jdbc.queryForList(
        "SELECT account FROM budget_account WHERE LOWER(TRIM(principal_investigator)) = ? ORDER BY account",
        String.class, user.toLowerCase(Locale.ROOT));
  }
}
