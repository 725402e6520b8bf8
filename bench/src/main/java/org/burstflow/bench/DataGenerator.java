package org.burstflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Random;

/** Writes the benchmark's inputs, seeded so every run analyses the same bytes. */
final class DataGenerator {

  private DataGenerator() {}

  /** {@code jobs} jobs, each an allocation line with .batch, .extern and .0 steps. */
  static void sacct(Path file, int jobs) throws IOException {
    Random r = new Random(100_000);
    LocalDateTime t0 = LocalDateTime.parse("2026-01-01T00:00:00");
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("JobID|JobIDRaw|User|Account|Partition|State|ExitCode|Start|End|Elapsed|Timelimit|NNodes|AllocCPUS"
          + "|NodeList|TotalCPU|ReqMem|MaxRSS|AllocTRES|JobName\n");
      for (int j = 0; j < jobs; j++) {
        long id = 1_000_000L + j;
        int cpus = 1 << r.nextInt(7);
        int nodes = cpus >= 32 && r.nextBoolean() ? 2 : 1;
        long elapsed = 60 + r.nextInt(86_400);
        long limit = elapsed + r.nextInt(172_800);
        double eff = r.nextDouble();
        long cpuSec = (long) (elapsed * cpus * eff);
        long memG = 1L << r.nextInt(8);
        long rssK = (long) (memG * 1024 * 1024 / nodes * r.nextDouble());
        String state = r.nextInt(20) == 0 ? "FAILED" : r.nextInt(20) == 0 ? "TIMEOUT" : "COMPLETED";
        LocalDateTime start = t0.plusSeconds(j * 30L);
        String s = start.toString();
        String e = start.plusSeconds(elapsed).toString();
        String tres = "billing=" + cpus + ",cpu=" + cpus + ",mem=" + memG + "G,node=" + nodes;
        String node = nodes == 1 ? "n" + (j % 500) : "n[" + (j % 500) + "-" + (j % 500 + 1) + "]";
        String jobName = r.nextInt(10) == 0 ? "name|with|bars" : "job" + (j % 97);
        w.write(String.format(Locale.ROOT, "%d|%d|u%d|acct%d|batch|%s|0:0|%s|%s|%s|%s|%d|%d|%s|%s|%dG||%s|%s%n",
            id, id, j % 300, j % 40, state, s, e, clock(elapsed), clock(limit), nodes, cpus, node, clock(cpuSec), memG,
            tres, jobName));
        w.write(String.format(Locale.ROOT, "%d.batch|%d.batch||||%s|0:0|%s|%s|%s||1|%d|%s|00:01.250||20264K|%s|batch%n",
            id, id, state, s, e, clock(elapsed), cpus / nodes, node, tres));
        w.write(String.format(Locale.ROOT, "%d.extern|%d.extern||||COMPLETED|0:0|%s|%s|%s||%d|%d|%s|00:00.003||0|%s|extern%n",
            id, id, s, e, clock(elapsed), nodes, cpus, node, tres));
        w.write(String.format(Locale.ROOT, "%d.0|%d.0||||%s|0:0|%s|%s|%s||%d|%d|%s|%s||%dK|%s|app%n",
            id, id, state, s, e, clock(elapsed), nodes, cpus, node, clock(cpuSec), rssK, tres));
      }
    }
  }

  /** A gpu-sampler spool file: rocm-smi 6.0 JSON for {@code gpus} GCDs every second. */
  static void gpuSpool(Path file, int gpus, int seconds) throws IOException {
    Random r = new Random(48);
    long t0 = 1_763_859_600L;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder ids = new StringBuilder();
      for (int g = 0; g < gpus; g++) {
        ids.append(g == 0 ? "" : ",").append(g);
      }
      w.write("# burstflow-gpu-sampler 1 host=nid005001 tool=rocm-smi gpus=" + ids + " interval=1 job=7001\n");
      StringBuilder sb = new StringBuilder(4096);
      for (int i = 0; i < seconds; i++) {
        sb.setLength(0);
        sb.append("@@ ").append(t0 + i).append(".000000\n{");
        for (int g = 0; g < gpus; g++) {
          // GCDs 0-1 busy with a data-loading stall every 60 s; the others idle.
          int util = g < 2 ? (i % 60 < 4 ? 0 : 85 + r.nextInt(15)) : r.nextInt(100) == 0 ? 3 : 0;
          sb.append(g == 0 ? "" : ", ").append("\"card").append(g).append("\": {\"GPU use (%)\": \"").append(util)
              .append("\", \"Average Graphics Package Power (W)\": \"")
              .append(g % 2 == 1 ? "N/A (Secondary die)" : (util > 0 ? 380 + r.nextInt(60) : 90) + ".0")
              .append("\", \"Temperature (Sensor junction) (C)\": \"").append(40 + r.nextInt(30)).append(".0\"")
              .append(", \"VRAM Total Memory (B)\": \"68702699520\", \"VRAM Total Used Memory (B)\": \"")
              .append(util > 0 ? 34359738368L + r.nextInt(1 << 30) : 11665408L).append("\"}");
        }
        sb.append("}\n");
        w.write(sb.toString());
      }
    }
  }

  private static String clock(long seconds) {
    long d = seconds / 86_400;
    String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", (seconds % 86_400) / 3600, (seconds % 3600) / 60, seconds % 60);
    return d > 0 ? d + "-" + hms : hms;
  }
}
