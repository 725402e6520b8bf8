package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Set;
import org.burstflow.contracts.report.DeliveryMode;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  private final DeliveryPolicy gpuOnly = new DeliveryPolicy(Set.of(), Set.of("GPU"), Duration.ofMinutes(2), Duration.ofMinutes(15));

  @Test
  void byDefaultOnlyGpuJobsAreEmailed() {
    assertNull(gpuOnly.whyNotEmailed("standard-g", true));
    assertEquals("reports of cpu jobs are not e-mailed (configured: gpu)", gpuOnly.whyNotEmailed("small", false));
  }

  @Test
  void partitionsNarrowItDown() {
    DeliveryPolicy p = new DeliveryPolicy(Set.of("standard-g"), Set.of("gpu", "cpu"), Duration.ZERO, Duration.ZERO);
    assertNull(p.whyNotEmailed("standard-g", false));
    assertEquals("reports of partition small are not e-mailed (configured: standard-g)", p.whyNotEmailed("small", true));
    assertEquals("reports of partition null are not e-mailed (configured: standard-g)", p.whyNotEmailed(null, true));
  }

  @Test
  void windowsFollowThePreference() {
    assertEquals(Duration.ofMinutes(2), gpuOnly.plan(DeliveryMode.PER_JOB).window());
    assertEquals(Duration.ofDays(1), gpuOnly.plan(DeliveryMode.DAILY).window());
    assertEquals(Duration.ofDays(7), gpuOnly.plan(DeliveryMode.WEEKLY).window());
    assertEquals(Duration.ofMinutes(15), gpuOnly.plan(DeliveryMode.WEEKLY).minInterval());
    assertEquals(Duration.ZERO, gpuOnly.plan(DeliveryMode.OFF).window());
  }
}
