package org.burstflow.activities.report;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.commons.text.StringSubstitutor;
import org.burstflow.activities.budget.CostModel;
import org.burstflow.contracts.cloud.LaunchedNode;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.spot.SpotInterruption;

/** The report's spot section: each notice acted on, and what the interrupted attempts cost. */
final class InterruptionsSection {

  static String markdown(String template, ReportInput input, UnaryOperator<String> outside, ZoneId zone) {
    List<SpotInterruption> interruptions = input.interruptions();
    if (interruptions == null || interruptions.isEmpty()) {
      return "";
    }
    StringBuilder rows = new StringBuilder();
    for (SpotInterruption i : interruptions) {
      rows.append("| ").append(i.attempt())
          .append(" | ").append(outside.apply(i.instanceId()))
          .append(" | ").append(outside.apply(i.node()))
          .append(" | ").append(i.kind().name().toLowerCase().replace('_', ' '))
          .append(" | ").append(ReportFormat.time(i.noticeTime(), zone))
          .append(" | ").append(outside.apply(i.outcome()))
          .append(" |\n");
    }
    long relaunches = interruptions.stream().filter(i -> i.outcome().startsWith("requeued")).count();
    StringSubstitutor substitutor = new StringSubstitutor(Map.of(
        "interruptionRows", rows.toString().stripTrailing(),
        "interruptedCost", interruptedCost(input, interruptions),
        "relaunches", Long.toString(relaunches)));
    substitutor.setDisableSubstitutionInValues(true);
    substitutor.setEnableUndefinedVariableException(true);
    return substitutor.replace(template);
  }

  /** Σ runtime × price of every instance of an interrupted attempt, as reconciliation charged it. */
  private static String interruptedCost(ReportInput input, List<SpotInterruption> interruptions) {
    if (input.launched() == null || input.accounting().end() == null) {
      return "an amount not known yet";
    }
    Set<Integer> attempts = new TreeSet<>();
    interruptions.forEach(i -> attempts.add(i.attempt()));
    List<LaunchedNode> nodes = input.launched().nodes().stream()
        .filter(n -> attempts.contains(n.attempt()) && (n.stoppedAt() != null || n.interrupted()))
        .toList();
    BigDecimal total = nodes.isEmpty() ? BigDecimal.ZERO
        : CostModel.actual(input.accounting(), new LaunchedNodes(nodes)).total();
    return ReportFormat.money(total);
  }

  private InterruptionsSection() {}
}
