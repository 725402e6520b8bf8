package org.burstflow.worker.budget;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.burstflow.worker.config.BurstflowProperties;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who may call what: 401 without a known key, 403 with the wrong role, in ASBB's envelope. */
class ApiKeyFilterTest {

  @RestController
  static class Endpoints {
    @GetMapping("/api/v1/transactions")
    String transactions() {
      return "ok";
    }

    @PostMapping("/api/v1/hooks/epilog")
    String hook() {
      return "ok";
    }

    @PostMapping("/api/v1/budget/check")
    String check() {
      return "ok";
    }

    @PostMapping("/api/v1/accounts")
    String createAccount() {
      return "ok";
    }

    @GetMapping("/health")
    String health() {
      return "ok";
    }
  }

  private static final String HOOK = "hook-key-123";
  private static final String ADMIN = "admin-key-456";
  private static final String READER = "read-key-789";

  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
      .addFilters(new ApiKeyFilter(new ApiKeyRegistry(properties()), new ObjectMapper().registerModule(new JavaTimeModule())))
      .build();

  private static BurstflowProperties properties() {
    return new BurstflowProperties("dev", null, null, null, null, null, null, null, new BurstflowProperties.Api(List.of(
        new BurstflowProperties.ApiKey("hooks", "hook", HOOK),
        // stored as its digest, as production should
        new BurstflowProperties.ApiKey("ops", "admin",
            "sha256:" + java.util.HexFormat.of().formatHex(ApiKeyRegistry.sha256(ADMIN))),
        new BurstflowProperties.ApiKey("portal", "read-only", READER),
        new BurstflowProperties.ApiKey("unset", "admin", ""))));
  }

  @Test
  void noKeyIsUnauthorizedInTheErrorEnvelope() throws Exception {
    mvc.perform(get("/api/v1/transactions"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.error.code").value("UNAUTHORIZED"))
        .andExpect(jsonPath("$.request_id").exists())
        .andExpect(jsonPath("$.timestamp").exists());
    mvc.perform(post("/api/v1/hooks/epilog")).andExpect(status().isUnauthorized());
  }

  @Test
  void anUnknownOrEmptyKeyIsUnauthorized() throws Exception {
    mvc.perform(get("/api/v1/transactions").header("Authorization", "Bearer nope"))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/api/v1/transactions").header("Authorization", "Bearer "))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void hooksNeedTheHookRole() throws Exception {
    mvc.perform(post("/api/v1/hooks/epilog").header("Authorization", "Bearer " + READER))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error.code").value("FORBIDDEN"));
    mvc.perform(post("/api/v1/hooks/epilog").header("Authorization", "Bearer " + HOOK))
        .andExpect(status().isOk());
    mvc.perform(post("/api/v1/budget/check").header("X-API-Key", HOOK)).andExpect(status().isOk());
  }

  @Test
  void accountChangesNeedAdmin() throws Exception {
    mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + HOOK))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + READER))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isOk());
  }

  @Test
  void everyRoleMayReadAndHealthIsOpen() throws Exception {
    for (String key : List.of(HOOK, ADMIN, READER)) {
      mvc.perform(get("/api/v1/transactions").header("Authorization", "Bearer " + key))
          .andExpect(status().isOk());
    }
    mvc.perform(get("/health")).andExpect(status().isOk());
  }
}
