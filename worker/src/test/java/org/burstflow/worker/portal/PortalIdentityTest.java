package org.burstflow.worker.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.burstflow.worker.budget.ApiKeyRegistry;
import org.burstflow.worker.config.BurstflowProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Who a portal request is: the proxy's header only from the proxy, tokens from anywhere. */
class PortalIdentityTest {

  private static final BurstflowProperties.Portal PORTAL = new BurstflowProperties.Portal("X-Remote-User",
      List.of("127.0.0.1", "::1", "10.0.0.2"), List.of("sam"), Map.of(),
      List.of(new BurstflowProperties.UserToken("alice", "alice-token-1"),
          new BurstflowProperties.UserToken("bob", "sha256:" + java.util.HexFormat.of().formatHex(
              PortalTokens.sha256("bob-token-2")))),
      new BurstflowProperties.Escalation(10, 5, List.of("INEFFICIENT", "WASTED"), Duration.ofDays(30)));

  private final PortalIdentity identity = new PortalIdentity(PORTAL, new PortalTokens(PORTAL.tokens()),
      new ApiKeyRegistry(new BurstflowProperties("dev", null, null, null, null, null, null, null,
          new BurstflowProperties.Api(List.of(
              new BurstflowProperties.ApiKey("ops", "admin", "admin-key"),
              new BurstflowProperties.ApiKey("reader", "read-only", "read-key"),
              new BurstflowProperties.ApiKey("hooks", "hook", "hook-key"))), PORTAL, null, null)));

  private static MockHttpServletRequest from(String address) {
    MockHttpServletRequest r = new MockHttpServletRequest("GET", "/portal/dashboard");
    r.setRemoteAddr(address);
    return r;
  }

  @Test
  void theProxysHeaderNamesTheUser() {
    MockHttpServletRequest r = from("10.0.0.2");
    r.addHeader("X-Remote-User", "alice");
    assertEquals(Optional.of(new Viewer("alice", false, true)), identity.of(r));
    MockHttpServletRequest v6 = from("0:0:0:0:0:0:0:1");
    v6.addHeader("X-Remote-User", "sam");
    assertEquals(Optional.of(new Viewer("sam", true, true)), identity.of(v6));
  }

  @Test
  void theHeaderFromAnywhereElseIsIgnored() {
    MockHttpServletRequest r = from("192.0.2.7");
    r.addHeader("X-Remote-User", "alice");
    assertTrue(identity.of(r).isEmpty());
  }

  @Test
  void aHeaderThatIsNoLoginNameIsIgnored() {
    MockHttpServletRequest r = from("127.0.0.1");
    r.addHeader("X-Remote-User", "alice, bob");
    assertTrue(identity.of(r).isEmpty());
    assertTrue(identity.of(from("127.0.0.1")).isEmpty());
  }

  @Test
  void personalTokensAreTheirUserFromAnywhere() {
    MockHttpServletRequest r = from("192.0.2.7");
    r.addHeader("Authorization", "Bearer alice-token-1");
    assertEquals(Optional.of(new Viewer("alice", false, true)), identity.of(r));
    MockHttpServletRequest hashed = from("192.0.2.7");
    hashed.addHeader("Authorization", "Bearer bob-token-2");
    assertEquals(Optional.of(new Viewer("bob", false, true)), identity.of(hashed));
  }

  @Test
  void aTokenWinsOverTheHeaderAndAWrongTokenIsNobody() {
    MockHttpServletRequest r = from("127.0.0.1");
    r.addHeader("X-Remote-User", "alice");
    r.addHeader("Authorization", "Bearer not-a-token");
    assertTrue(identity.of(r).isEmpty());
  }

  @Test
  void adminAndReadOnlyKeysAreSupportStaffButNobodysReportsAndHookKeysAreNothing() {
    MockHttpServletRequest admin = from("192.0.2.7");
    admin.addHeader("Authorization", "Bearer admin-key");
    Viewer staff = identity.of(admin).orElseThrow();
    assertTrue(staff.support());
    assertFalse(staff.person());
    MockHttpServletRequest reader = from("192.0.2.7");
    reader.addHeader("Authorization", "Bearer read-key");
    assertTrue(identity.of(reader).orElseThrow().support());
    MockHttpServletRequest hook = from("127.0.0.1");
    hook.addHeader("Authorization", "Bearer hook-key");
    assertTrue(identity.of(hook).isEmpty());
  }

  @Test
  void ownerAndPiMayReadAReportNobodyElse() {
    ReportAccess access = new ReportAccess(new ProjectDirectory(Map.of("chem", List.of("pat")), null), null);
    assertTrue(access.mayRead(new Viewer("alice", false, true), "alice", "chem"));
    assertTrue(access.mayRead(new Viewer("pat", false, true), "alice", "chem"));
    assertFalse(access.mayRead(new Viewer("bob", false, true), "alice", "chem"));
    assertFalse(access.mayRead(new Viewer("pat", false, true), "alice", "physics"));
    // support staff and staff keys: flags and aggregates, not a researcher's report
    assertFalse(access.mayRead(new Viewer("sam", true, true), "alice", "chem"));
    assertFalse(access.mayRead(new Viewer("ops", true, false), "alice", "chem"));
    assertFalse(access.mayRead(new Viewer("alice", true, false), "alice", "chem"));
  }
}
