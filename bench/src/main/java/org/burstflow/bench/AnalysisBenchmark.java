package org.burstflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Generates the inputs, then runs each phase in a fresh JVM with the same fixed heap
 * ({@value #HEAP}): memory is bounded if the analysis fits where a line reader fits. Reports
 * throughput and peak RSS of the analysis beside the floor (plain single-pass read of the same
 * file) measured in the same run.
 */
public final class AnalysisBenchmark {

  static final String HEAP = "-Xmx128m";
  private static final int JOBS = 100_000;
  private static final int GPUS = 8;
  private static final int SECONDS = 48 * 3600;

  private AnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    String classpath = args[1];
    Path sacct = dir.resolve("sacct-100k.txt");
    Path gpu = dir.resolve("nid005001.gpu");
    if (!Files.exists(sacct)) {
      DataGenerator.sacct(sacct, JOBS);
    }
    if (!Files.exists(gpu)) {
      DataGenerator.gpuSpool(gpu, GPUS, SECONDS);
    }
    System.out.printf(Locale.ROOT, "java %s, %d cores, heap %s per phase%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), HEAP);
    compare("sacct dump, 100k jobs with steps", sacct, "sacct", "jobs", classpath);
    compare("GPU samples, 8 GPUs x 48 h at 1 s", gpu, "gpu", "GPU samples", classpath);
  }

  private static void compare(String title, Path file, String phase, String unit, String cp) throws Exception {
    double mib = Files.size(file) / 1048576.0;
    Result floor = run("floor", file, cp);
    Result analysis = run(phase, file, cp);
    System.out.printf(Locale.ROOT, "%n%s (%.1f MiB)%n", title, mib);
    System.out.printf(Locale.ROOT, "  floor (read every line):  %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB%n",
        floor.seconds, mib / floor.seconds, floor.rssKib / 1024.0);
    System.out.printf(Locale.ROOT, "  analysis:                 %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB  %,.0f %s/s (%,d)%n",
        analysis.seconds, mib / analysis.seconds, analysis.rssKib / 1024.0, analysis.items / analysis.seconds, unit,
        analysis.items);
    System.out.printf(Locale.ROOT, "  analysis / floor:         %7.1f x time, %.2f x peak RSS%n",
        analysis.seconds / floor.seconds, (double) analysis.rssKib / floor.rssKib);
    System.out.println("  result: " + analysis.check);
  }

  private record Result(long items, double seconds, long rssKib, String check) {}

  private static Result run(String phase, Path file, String cp) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, HEAP, "-cp", cp, BenchPhase.class.getName(), phase, file.toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(phase + " failed: " + out);
    }
    String[] f = out.split(" ", 4);
    return new Result(Long.parseLong(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]), f[3]);
  }
}
