package org.burstflow.worker.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.burstflow.activities.budget.AccountChanges;
import org.burstflow.activities.budget.BudgetAccount;
import org.burstflow.activities.budget.BudgetStatus;
import org.burstflow.activities.budget.BurnRate;

/** Account bodies in ASBB's shapes (budget_accounts columns, and ASBA's BudgetStatusResponse). */
final class AccountApi {

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Grant(
      String grantNumber, String fundingAgency, String principalInvestigator, LocalDate grantStartDate,
      LocalDate grantEndDate, BigDecimal totalAwardAmount, BigDecimal indirectCostRate) {

    static Grant of(BudgetAccount.Grant g) {
      return g == null ? null : new Grant(g.grantNumber(), g.fundingAgency(), g.principalInvestigator(), g.start(),
          g.end(), g.awardAmount(), g.indirectRate());
    }

    BudgetAccount.Grant toGrant() {
      return new BudgetAccount.Grant(grantNumber, fundingAgency, principalInvestigator, grantStartDate, grantEndDate,
          totalAwardAmount, indirectCostRate);
    }
  }

  /** Create/update body; absent fields are left unchanged on update. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AccountRequest(
      String slurmAccount, String name, String description, BigDecimal budgetLimit, Instant startDate,
      Instant endDate, String status, Grant grant, Map<String, BigDecimal> partitionLimits) {

    AccountChanges changes() {
      return new AccountChanges(name, description, status, startDate, endDate, budgetLimit,
          grant == null ? null : grant.toGrant(), partitionLimits);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AccountResponse(
      String slurmAccount, String name, String description, BigDecimal budgetLimit, BigDecimal budgetUsed,
      BigDecimal budgetHeld, BigDecimal budgetAvailable, Instant startDate, Instant endDate, String status,
      boolean isGrantFunded, Grant grant, Map<String, BigDecimal> partitionLimits, Instant createdAt) {

    static AccountResponse of(BudgetAccount a) {
      return new AccountResponse(a.account(), a.name(), a.description(), a.limit(), a.used(), a.held(),
          a.available(), a.periodStart(), a.periodEnd(), a.status(), a.grant() != null, Grant.of(a.grant()),
          a.partitionLimits(), a.createdAt());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AccountList(List<AccountResponse> accounts, int limit, int offset) {}

  /** ASBA's BudgetStatusResponse, with real figures; percentages are percent as ASBA has them. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StatusResponse(
      String account, String grantNumber, BigDecimal budgetLimit, BigDecimal budgetUsed, BigDecimal budgetHeld,
      BigDecimal budgetAvailable, BigDecimal budgetUtilization, Instant periodStart, Instant periodEnd,
      BigDecimal daysRemaining, BigDecimal dailyBurnRate, BigDecimal expectedDailyRate, BigDecimal burnRateVariance,
      String burnStatus, Integer budgetHealthScore, String healthStatus, LocalDate projectedDepletionDate,
      List<BurnRate.Alert> alerts, List<BurnRate.Alert> activeAlerts, Instant lastUpdated) {

    static StatusResponse of(BudgetStatus.AccountStatus s) {
      BudgetAccount a = s.account();
      BurnRate b = s.burnRate();
      BigDecimal utilization = a.limit().signum() == 0 ? null
          : a.used().multiply(BigDecimal.valueOf(100)).divide(a.limit(), 2, RoundingMode.HALF_UP);
      BigDecimal variancePct = b.variance() == null ? null
          : b.variance().multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
      return new StatusResponse(a.account(), a.grant() == null ? null : a.grant().grantNumber(), a.limit(), a.used(),
          a.held(), a.available(), utilization, a.periodStart(), a.periodEnd(), b.daysRemaining(), b.dailyBurn(),
          b.expectedDailyBurn(), variancePct, b.burnStatus(), b.healthScore(), b.healthStatus(),
          b.projectedDepletionDate(), b.alerts(), s.activeAlerts(), Instant.now());
    }
  }

  private AccountApi() {}
}
