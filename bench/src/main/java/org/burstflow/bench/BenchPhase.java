package org.burstflow.bench;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.GpuUsageCalculator;
import org.burstflow.activities.analysis.JobAnalyzer;
import org.burstflow.activities.analysis.SacctJobStream;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.JobAnalysis;

/**
 * One measured phase, run in a JVM of its own so its peak RSS is its own:
 * {@code floor FILE} reads every line once and does nothing else; {@code sacct FILE} and
 * {@code gpu FILE} run the streaming analysis. Prints {@code items seconds vmhwm_kib checksum}.
 */
public final class BenchPhase {

  private BenchPhase() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    long t0 = System.nanoTime();
    long items;
    String check;
    switch (args[0]) {
      case "floor" -> {
        long lines = 0;
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
          String line;
          while ((line = in.readLine()) != null) {
            lines++;
            chars += line.length();
          }
        }
        items = lines;
        check = Long.toString(chars);
      }
      case "sacct" -> {
        Map<EfficiencyClass, Long> classes = new EnumMap<>(EfficiencyClass.class);
        JobAnalyzer analyzer = new JobAnalyzer(AnalysisSettings.defaults());
        long[] jobs = {0};
        SacctJobStream stream = new SacctJobStream(rows -> {
          long id = SacctJobStream.jobIdOf(rows.get(0));
          var acc = AccountingSummarizer.summarize(rows, id, ZoneOffset.UTC);
          JobAnalysis a = analyzer.analyze(new JobKey("bench", id), acc, null, List.of(), null);
          classes.merge(a.efficiencyClass(), 1L, Long::sum);
          jobs[0]++;
        });
        try (BufferedReader in = Files.newBufferedReader(file)) {
          SacctParser.read(in, stream);
        }
        stream.flush();
        items = jobs[0];
        check = classes.toString().replace(" ", "");
      }
      case "gpu" -> {
        GpuUsageCalculator calc = new GpuUsageCalculator(AnalysisSettings.defaults());
        long[] samples = {0};
        GpuSpoolReader.read(file, (gpu, s) -> {
          samples[0]++;
          calc.accept(gpu, s);
        });
        var usage = calc.finish(8, "none").usage();
        items = samples[0];
        check = String.format(java.util.Locale.ROOT, "mean=%.4f,effective=%.3f,wasted_gpu_h=%.2f",
            usage.meanUtil(), usage.effectiveGpus(), usage.gpuHoursWasted());
      }
      default -> throw new IllegalArgumentException("phase: floor, sacct or gpu");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.println(items + " " + seconds + " " + peakRssKib() + " " + check);
  }

  /** VmHWM: the most resident memory this process ever had. */
  static long peakRssKib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
