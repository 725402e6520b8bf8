package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.lifecycle.SpotNoticeKind;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.contracts.spot.SpotInterruption;
import org.junit.jupiter.api.Test;

class InterruptionsSectionTest {

  private static final JobKey JOB = new JobKey("dev", 77);
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final ReportRenderer renderer = new ReportRenderer(ZoneOffset.UTC);

  @Test
  void aRequeuedInterruptionIsListedWithWhatTheLostAttemptCost() {
    // attempt 1: two nodes for 30 min at 0.10/h, one of them interrupted; attempt 2 to the end
    LaunchedNodes launched = new LaunchedNodes(List.of(
        node("burst-1", "i-1a", T0, 1).stopped(T0.plusSeconds(1800), true),
        node("burst-2", "i-1b", T0, 1).stopped(T0.plusSeconds(1800), false),
        node("burst-1", "i-2a", T0.plusSeconds(2000), 2),
        node("burst-2", "i-2b", T0.plusSeconds(2000), 2)));
    ReportInput input = new ReportInput(JOB, accounting(), launched, null, null, List.of(
        new SpotInterruption(1, "i-1a", "burst-1", SpotNoticeKind.INTERRUPTION_WARNING, T0.plusSeconds(1790),
            "requeued; nodes powered down, relaunch as configured")));

    String md = renderer.render(input).markdown();
    assertTrue(md.contains("## Spot interruptions"), md);
    assertTrue(md.contains("| 1 | i-1a | burst-1 | interruption warning | 2026-11-23 10:29:50"), md);
    assertTrue(md.contains("requeued; nodes powered down, relaunch as configured |"), md);
    // 2 × 0.5 h × 0.10
    assertTrue(md.contains("cost 0.1000 USD of the charge"), md);
    assertTrue(md.contains("relaunched 1 time(s)"), md);
  }

  @Test
  void noInterruptionsNoSection() {
    ReportInput input = new ReportInput(JOB, accounting(), new LaunchedNodes(List.of(node("burst-1", "i-1", T0, 1))),
        null, null);
    assertFalse(renderer.render(input).markdown().contains("Spot interruptions"));
  }

  private static LaunchedNode node(String node, String id, Instant launch, int attempt) {
    return new LaunchedNode(node, id, "c5.large", "us-east-1a", "127.0.1.9", "ip", "spot", launch,
        new BigDecimal("0.10")).ofAttempt(attempt);
  }

  private static JobAccounting accounting() {
    Instant start = T0.plusSeconds(60);
    return new JobAccounting(77, "wrap", "root", "research", "cloud", "COMPLETED", "0:0", start,
        T0.plusSeconds(3600), Duration.ofSeconds(3540), Duration.ofHours(2), 2, 2, "burst-[1-2]",
        Duration.ofSeconds(10), 1000L << 20, 5L << 20, 0.25, 0.005);
  }
}
