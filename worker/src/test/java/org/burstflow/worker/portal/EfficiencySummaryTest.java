package org.burstflow.worker.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.junit.jupiter.api.Test;

class EfficiencySummaryTest {

  static Analysed job(long id, String user, String end, Integer gpus, Double util, Double wasted, Double cpu, String cls) {
    return new Analysed(id, user, "chem", Instant.parse(end), gpus, util, wasted, cpu, cls);
  }

  @Test
  void classesMediansWasteAndWeeks() {
    EfficiencySummary s = EfficiencySummary.of(List.of(
        job(1, "a", "2026-11-02T10:00:00Z", 4, 0.10, 3.5, 0.9, "WASTED"),      // Monday
        job(2, "a", "2026-11-08T23:00:00Z", 4, 0.80, 0.2, 0.5, "EFFICIENT"),   // Sunday, same week
        job(3, "a", "2026-11-09T00:30:00Z", 2, 0.30, 1.0, null, "INEFFICIENT"),// next Monday
        job(4, "a", "2026-11-10T00:00:00Z", null, null, null, 0.6, "ACCEPTABLE"),
        job(5, "a", "2026-11-11T00:00:00Z", 1, null, null, null, "INSUFFICIENT_DATA")));
    assertEquals(5, s.jobs());
    assertEquals(4, s.gpuJobs());
    assertEquals(1, s.count(EfficiencyClass.WASTED));
    assertEquals(1, s.count(EfficiencyClass.INSUFFICIENT_DATA));
    assertEquals(0.30, s.medianGpuUtil(), 1e-12);  // of 0.10, 0.80, 0.30; job 5 was not measured
    assertEquals(4.7, s.gpuHoursWasted(), 1e-12);
    assertEquals((0.9 + 0.5 + 0.6) / 3, s.meanCpuEfficiency(), 1e-12);
    // scores: GPU util where measured (0.1, 0.8, 0.3), else CPU (0.6); job 5 has none
    assertEquals((0.1 + 0.8 + 0.3 + 0.6) / 4, s.score(), 1e-12);
    assertEquals(2, s.weeks().size());
    assertEquals(LocalDate.parse("2026-11-02"), s.weeks().get(0).monday());
    assertEquals(2, s.weeks().get(0).jobs());
    assertEquals(0.45, s.weeks().get(0).medianGpuUtil(), 1e-12);
    assertEquals(1, s.weeks().get(0).inefficientOrWasted());
    assertEquals(3, s.weeks().get(1).jobs());
  }

  @Test
  void nothingMeasuredIsNullNotZero() {
    EfficiencySummary s = EfficiencySummary.of(List.of());
    assertEquals(0, s.jobs());
    assertNull(s.medianGpuUtil());
    assertNull(s.score());
    assertEquals(0.0, s.gpuHoursWasted());
  }

  @Test
  void projectMembersAreNumberedByWasteNotNamed() {
    List<PortalController.Member> members = PortalController.anonymousMembers(List.of(
        job(1, "alice", "2026-11-02T10:00:00Z", 4, 0.9, 0.1, null, "EFFICIENT"),
        job(2, "bob", "2026-11-02T10:00:00Z", 4, 0.1, 5.0, null, "WASTED"),
        job(3, "bob", "2026-11-03T10:00:00Z", 4, 0.2, 2.0, null, "INEFFICIENT")));
    assertEquals(List.of("member 1", "member 2"), members.stream().map(PortalController.Member::label).toList());
    assertEquals(7.0, members.get(0).summary().gpuHoursWasted(), 1e-12);
    assertEquals(2, members.get(0).summary().jobs());
  }
}
