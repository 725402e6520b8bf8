package org.burstflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Real jobs in the dev Slurm for the resume hook to name: one node each in the cloud partition,
 * submitted held so that Slurm never schedules them, yet {@code scontrol show job} describes them
 * as the lifecycle expects. Cancelled at the end.
 */
final class HeldJobs {

  private final List<Long> ids = new ArrayList<>();

  List<Long> submit(int count) throws IOException, InterruptedException {
    List<Long> submitted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String out = run(List.of("/usr/bin/sbatch", "--parsable", "--hold", "-p", "cloud", "-N", "1", "-t", "10",
          "-J", "bench-provisioning", "-o", "/dev/null", "--wrap", "true"));
      long id = Long.parseLong(out.strip().split(";")[0]);
      submitted.add(id);
      ids.add(id);
    }
    return submitted;
  }

  void cancelAll() throws IOException, InterruptedException {
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> argv = new ArrayList<>(List.of("/usr/bin/scancel"));
      ids.subList(i, Math.min(ids.size(), i + 100)).forEach(id -> argv.add(Long.toString(id)));
      run(argv);
    }
  }

  List<Long> ids() {
    return List.copyOf(ids);
  }

  private static String run(List<String> argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv.subList(0, Math.min(argv.size(), 4))) + " … failed: " + out);
    }
    return out;
  }
}
