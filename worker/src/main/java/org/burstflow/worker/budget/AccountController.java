package org.burstflow.worker.budget;

import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetStatus;
import org.burstflow.activities.budget.UnknownAccountException;
import org.burstflow.worker.budget.AccountApi.AccountList;
import org.burstflow.worker.budget.AccountApi.AccountRequest;
import org.burstflow.worker.budget.AccountApi.AccountResponse;
import org.burstflow.worker.budget.AccountApi.StatusResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** ASBB's accounts CRUD, and the account's burn rate and health. */
@RestController
class AccountController {

  private final BudgetAccounts accounts;
  private final BudgetStatus status;

  AccountController(BudgetAccounts accounts, BudgetStatus status) {
    this.accounts = accounts;
    this.status = status;
  }

  @GetMapping("/api/v1/accounts")
  AccountList list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 1000 || offset < 0) {
      throw ApiException.validation("limit", "limit must be 1–1000 and offset ≥ 0");
    }
    return new AccountList(accounts.list(status, limit, offset).stream().map(AccountResponse::of).toList(),
        limit, offset);
  }

  @PostMapping(path = "/api/v1/accounts", consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  AccountResponse create(@RequestBody AccountRequest request) {
    if (request.slurmAccount() == null || request.slurmAccount().isBlank()) {
      throw ApiException.validation("slurm_account", "slurm_account is required");
    }
    if (request.budgetLimit() == null) {
      throw ApiException.validation("budget_limit", "budget_limit is required");
    }
    return AccountResponse.of(accounts.create(request.slurmAccount(), request.changes()));
  }

  @GetMapping("/api/v1/accounts/{account}")
  AccountResponse get(@PathVariable String account) {
    return AccountResponse.of(accounts.get(account).orElseThrow(() -> new UnknownAccountException(account)));
  }

  @PutMapping(path = "/api/v1/accounts/{account}", consumes = "application/json")
  AccountResponse update(@PathVariable String account, @RequestBody AccountRequest request) {
    return AccountResponse.of(accounts.update(account, request.changes()));
  }

  /** The journal refers to the account, so it is deactivated rather than deleted. */
  @DeleteMapping("/api/v1/accounts/{account}")
  AccountResponse delete(@PathVariable String account) {
    return AccountResponse.of(accounts.deactivate(account));
  }

  @GetMapping("/api/v1/accounts/{account}/status")
  StatusResponse status(@PathVariable String account) {
    return StatusResponse.of(status.of(account));
  }
}
