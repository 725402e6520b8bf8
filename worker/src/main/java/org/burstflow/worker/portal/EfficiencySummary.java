package org.burstflow.worker.portal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.worker.portal.PortalRows.Analysed;

/**
 * The figures of a set of analysed jobs (a user's, a project's, the site's): how many fell in
 * each efficiency class, the median GPU utilisation of the GPU jobs, the GPU-hours wasted, and
 * the same week by week. Medians, not means: one idle job should not hide twenty good ones.
 *
 * <p>The efficiency score of a job is its GPU mean utilisation when it had GPUs and that was
 * measured, else its CPU efficiency; a set's score is the mean over the jobs that have one.
 *
 * @param classCounts every class, in order from efficient to insufficient data
 * @param medianGpuUtil null without measured GPU jobs
 * @param meanCpuEfficiency null without measured jobs
 * @param score null without any job with a score
 * @param weeks oldest first, weeks (Monday, UTC) with no job left out
 */
public record EfficiencySummary(
    int jobs, int gpuJobs, Map<EfficiencyClass, Integer> classCounts, Double medianGpuUtil,
    Double meanCpuEfficiency, double gpuHoursWasted, Double score, List<Week> weeks) {

  /** One week of the trend. */
  public record Week(LocalDate monday, int jobs, Double medianGpuUtil, double gpuHoursWasted, int inefficientOrWasted) {}

  public static EfficiencySummary of(Collection<Analysed> jobs) {
    Map<EfficiencyClass, Integer> classes = new LinkedHashMap<>();
    for (EfficiencyClass c : EfficiencyClass.values()) {
      classes.put(c, 0);
    }
    List<Double> gpuUtils = new ArrayList<>();
    List<Double> cpuEffs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    double wasted = 0;
    int gpuJobs = 0;
    TreeMap<LocalDate, List<Analysed>> byWeek = new TreeMap<>();
    for (Analysed a : jobs) {
      classOf(a).ifPresent(c -> classes.merge(c, 1, Integer::sum));
      if (a.gpuJob()) {
        gpuJobs++;
        if (a.gpuMeanUtil() != null) {
          gpuUtils.add(a.gpuMeanUtil());
        }
      }
      if (a.cpuEfficiency() != null) {
        cpuEffs.add(a.cpuEfficiency());
      }
      Double score = scoreOf(a);
      if (score != null) {
        scores.add(score);
      }
      if (a.gpuHoursWasted() != null) {
        wasted += a.gpuHoursWasted();
      }
      if (a.endTime() != null) {
        byWeek.computeIfAbsent(mondayOf(a.endTime()), w -> new ArrayList<>()).add(a);
      }
    }
    List<Week> weeks = new ArrayList<>();
    byWeek.forEach((monday, inWeek) -> weeks.add(new Week(monday, inWeek.size(),
        median(inWeek.stream().filter(Analysed::gpuJob).map(Analysed::gpuMeanUtil).filter(Objects::nonNull).toList()),
        inWeek.stream().map(Analysed::gpuHoursWasted).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum(),
        (int) inWeek.stream().filter(EfficiencySummary::inefficientOrWasted).count())));
    return new EfficiencySummary(jobs.size(), gpuJobs, classes, median(gpuUtils), mean(cpuEffs), wasted, mean(scores),
        weeks);
  }

  /** GPU utilisation for GPU jobs where it was measured, else CPU efficiency; null if neither. */
  public static Double scoreOf(Analysed a) {
    if (a.gpuJob() && a.gpuMeanUtil() != null) {
      return a.gpuMeanUtil();
    }
    return a.cpuEfficiency();
  }

  static boolean inefficientOrWasted(Analysed a) {
    return "INEFFICIENT".equals(a.efficiencyClass()) || "WASTED".equals(a.efficiencyClass());
  }

  public int count(EfficiencyClass c) {
    return classCounts.getOrDefault(c, 0);
  }

  public static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Double mean(List<Double> values) {
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static java.util.Optional<EfficiencyClass> classOf(Analysed a) {
    try {
      return java.util.Optional.of(EfficiencyClass.valueOf(a.efficiencyClass()));
    } catch (IllegalArgumentException | NullPointerException e) {
      // a class this version does not know (a newer analysis): counted as a job, not as a class
      return java.util.Optional.empty();
    }
  }

  private static LocalDate mondayOf(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
