package org.burstflow.activities.analysis.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * ASBA-style insights over a user's history: share of jobs per class, medians, GPU-hours wasted,
 * and per script (by hash, at least 2 runs) the typical efficiencies and runtime.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Insights(
    int jobs,
    Map<String, Integer> jobsPerClass,
    Double medianCpuEfficiency,
    Double medianMemoryEfficiency,
    Double medianGpuUtil,
    double gpuHoursWasted,
    List<ScriptPattern> scripts) {

  /** One script's runs. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ScriptPattern(String scriptHash, String jobName, int runs, Double medianCpuEfficiency,
      Double medianMemoryEfficiency, Double medianTimeEfficiency, Double medianGpuUtil, Double medianElapsedSeconds) {}

  public static Insights of(List<HistoryEntry> entries) {
    Map<String, Integer> perClass = new TreeMap<>();
    entries.forEach(e -> perClass.merge(e.efficiencyClass(), 1, Integer::sum));
    double wasted = entries.stream().map(HistoryEntry::gpuHoursWasted).filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue).sum();
    Map<String, List<HistoryEntry>> byScript = entries.stream().filter(e -> e.scriptHash() != null)
        .collect(Collectors.groupingBy(HistoryEntry::scriptHash, LinkedHashMap::new, Collectors.toList()));
    List<ScriptPattern> scripts = new ArrayList<>();
    byScript.forEach((hash, runs) -> {
      if (runs.size() >= 2) {
        scripts.add(new ScriptPattern(hash, runs.get(0).jobName(), runs.size(),
            median(runs, HistoryEntry::cpuEfficiency), median(runs, HistoryEntry::memoryEfficiency),
            median(runs, HistoryEntry::timeEfficiency), median(runs, HistoryEntry::gpuMeanUtil),
            median(runs, HistoryEntry::elapsedSeconds)));
      }
    });
    scripts.sort(Comparator.comparingInt(ScriptPattern::runs).reversed());
    return new Insights(entries.size(), perClass, median(entries, HistoryEntry::cpuEfficiency),
        median(entries, HistoryEntry::memoryEfficiency), median(entries, HistoryEntry::gpuMeanUtil),
        Math.round(wasted * 100) / 100.0, scripts);
  }

  private static Double median(List<HistoryEntry> entries, java.util.function.Function<HistoryEntry, Double> f) {
    List<Double> v = entries.stream().map(f).filter(Objects::nonNull).sorted().toList();
    if (v.isEmpty()) {
      return null;
    }
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
