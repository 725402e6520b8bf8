package org.burstflow.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.burstflow.worker.config.BurstflowProperties;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.junit.jupiter.api.Test;

class EscalationRuleTest {

  private final EscalationRule rule = new EscalationRule(
      new BurstflowProperties.Escalation(10, 5, List.of("INEFFICIENT", "WASTED"), Duration.ofDays(30)));

  private static Analysed gpu(long id, String user, int minute, String cls) {
    return new Analysed(id, user, "chem", Instant.parse("2026-11-20T00:00:00Z").plusSeconds(60L * minute), 2, 0.1,
        1.0, null, cls);
  }

  @Test
  void fiveOfTheLastTenGpuJobsRaiseTheFlag() {
    List<Analysed> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(gpu(100 + i, "alice", i, i % 2 == 0 ? "WASTED" : "INEFFICIENT"));
    }
    for (int i = 5; i < 10; i++) {
      jobs.add(gpu(100 + i, "alice", i, "EFFICIENT"));
    }
    EscalationRule.Flag flag = rule.flagOf("alice", jobs).orElseThrow();
    assertEquals(5, flag.counted());
    assertEquals(10, flag.looked());
    assertEquals(Set.of("chem"), flag.accounts());
    assertEquals(10.0, flag.gpuHoursWasted(), 1e-12);
    assertEquals(List.of(104L, 103L, 102L, 101L, 100L), flag.jobIds());
  }

  @Test
  void onlyTheLastTenCountAndCpuJobsNotAtAll() {
    List<Analysed> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(gpu(100 + i, "alice", i, "WASTED"));  // older than the ten below
    }
    for (int i = 5; i < 15; i++) {
      jobs.add(gpu(100 + i, "alice", i, i < 9 ? "WASTED" : "EFFICIENT"));  // 4 of the last 10
    }
    // a wasted CPU job is not a GPU job
    jobs.add(new Analysed(999, "alice", "chem", Instant.parse("2026-11-21T00:00:00Z"), 0, null, null, 0.01, "WASTED"));
    assertTrue(rule.flagOf("alice", jobs).isEmpty());
  }

  @Test
  void flagsPerUserMostCountedFirst() {
    List<Analysed> jobs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      jobs.add(gpu(200 + i, "bob", i, "WASTED"));
      jobs.add(gpu(300 + i, "carol", i, i < 5 ? "INEFFICIENT" : "EFFICIENT"));
      jobs.add(gpu(400 + i, "dave", i, "ACCEPTABLE"));
    }
    List<EscalationRule.Flag> flags = rule.flags(jobs);
    assertEquals(List.of("bob", "carol"), flags.stream().map(EscalationRule.Flag::user).toList());
  }

  @Test
  void aThresholdAboveTheWindowIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> new EscalationRule(
        new BurstflowProperties.Escalation(3, 5, List.of("WASTED"), Duration.ofDays(30))));
  }
}
