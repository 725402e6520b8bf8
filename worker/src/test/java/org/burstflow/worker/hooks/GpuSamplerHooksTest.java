package org.burstflow.worker.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.burstflow.activities.analysis.gpu.GpuSample;
import org.burstflow.activities.analysis.gpu.GpuSpoolReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slurm-hooks/prolog-gpu, gpu-sampler and epilog-gpu run as Slurm runs them (no PATH, nearly
 * empty environment) against fake GPU tools in a tool directory, and their spool is read back
 * by the worker's own {@link GpuSpoolReader}.
 */
class GpuSamplerHooksTest {

  private static final Path HOOKS = Path.of("..", "slurm-hooks").toAbsolutePath().normalize();

  @TempDir Path tmp;
  private Path conf;

  private Path tools() throws IOException {
    return Files.createDirectories(tmp.resolve("tools"));
  }

  private void config(String extra) throws IOException {
    conf = tmp.resolve("hooks.conf");
    Files.writeString(conf, "BURSTFLOW_GPU_SPOOL_DIR=" + tmp.resolve("spool") + "\n"
        + "BURSTFLOW_GPU_RUN_DIR=" + tmp.resolve("run") + "\n"
        + "BURSTFLOW_GPU_TOOL_DIRS=" + tmp.resolve("tools") + "\n"
        + "BURSTFLOW_GPU_INTERVAL=1\nBURSTFLOW_GPU_TOOL_TIMEOUT=5\n" + extra);
  }

  private void fakeTool(String name, String body) throws IOException {
    Path p = tools().resolve(name);
    Files.writeString(p, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs a hook with no PATH; returns its duration, asserting exit 0. */
  private Duration hook(String name, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", HOOKS.resolve(name).toString());
    pb.environment().clear();
    pb.environment().put("BURSTFLOW_HOOKS_CONF", conf.toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    long start = System.nanoTime();
    Process p = pb.start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), name + " did not return");
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), name + " output: " + out);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private final List<String> startedJobs = new ArrayList<>();

  private void prolog(String job, String gpus) throws Exception {
    startedJobs.add(job);
    Duration took = hook("prolog-gpu", Map.of("SLURM_JOB_ID", job, "SLURM_JOB_GPUS", gpus));
    assertTrue(took.toMillis() < 2000, "prolog took " + took);
  }

  @AfterEach
  void stopSamplers() throws Exception {
    for (String job : startedJobs) {
      hook("epilog-gpu", Map.of("SLURM_JOB_ID", job));
    }
  }

  private List<GpuSample> read(String job, List<String> keys, GpuSpoolReader.SpoolSummary[] summary) throws IOException {
    List<GpuSample> samples = new ArrayList<>();
    summary[0] = GpuSpoolReader.read(tmp.resolve("spool").resolve(job), (k, s) -> {
      keys.add(k);
      samples.add(s);
    });
    return samples;
  }

  /** Waits (bounded) until the sampler spooled this many sample blocks, however loaded the machine. */
  private void awaitBlocks(String job, int blocks) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      GpuSpoolReader.SpoolSummary[] summary = new GpuSpoolReader.SpoolSummary[1];
      try {
        read(job, new ArrayList<>(), summary);
        if (summary[0].blocks() >= blocks) {
          return;
        }
      } catch (IOException notYetWritten) {
        // the spool directory appears with the first block
      }
      Thread.sleep(200);
    }
  }

  private static boolean samplerRunning(String job) throws IOException {
    return samplers(job) > 0;
  }

  private static long samplers(String job) throws IOException {
    try (var procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
        try {
          return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ')
              .contains("gpu-sampler " + job + " ");
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void samplesOnlyTheJobsGpusAndStopsAtEpilog() throws Exception {
    config("");
    fakeTool("nvidia-smi", "IFS=, read -r -a ids <<< \"$2\"\nfor i in \"${ids[@]}\"; do echo \"$i, 87, 1024, 81559, [N/A], 44\"; done");
    prolog("42", "1,3");
    awaitBlocks("42", 2);
    hook("epilog-gpu", Map.of("SLURM_JOB_ID", "42"));
    Thread.sleep(300);
    assertFalse(samplerRunning("42"));
    List<String> keys = new ArrayList<>();
    GpuSpoolReader.SpoolSummary[] summary = new GpuSpoolReader.SpoolSummary[1];
    List<GpuSample> samples = read("42", keys, summary);
    assertTrue(summary[0].blocks() >= 2, "blocks: " + summary[0].blocks());
    assertTrue(keys.stream().allMatch(k -> k.endsWith(":1") || k.endsWith(":3")), keys.toString());
    assertEquals(87.0, samples.get(0).utilPct());
    assertNull(samples.get(0).powerW());
    assertEquals("[N/A]", samples.get(0).missing().get(GpuSample.POWER));
    assertTrue(samples.get(0).time() != null);
  }

  @Test
  void aSecondPrologForTheSameJobStartsNoSecondSampler() throws Exception {
    config("");
    fakeTool("nvidia-smi", "echo \"0, 50, 1, 1, 1, 1\"");
    prolog("48", "0");
    prolog("48", "0");
    // the sampler detaches from the prolog: give it time to show up, however loaded the machine
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (samplers("48") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    assertEquals(1, samplers("48"));
  }

  @Test
  void amdSmiIsPreferredWhenSeveralToolsExist() throws Exception {
    config("");
    fakeTool("nvidia-smi", "echo never");
    fakeTool("amd-smi", "echo '{\"gpu_data\": [{\"gpu\": 0, \"usage\": {\"gfx_activity\": {\"value\": 12, \"unit\": \"%\"}}}]}'");
    prolog("43", "0");
    Thread.sleep(1500);
    List<String> keys = new ArrayList<>();
    GpuSpoolReader.SpoolSummary[] summary = new GpuSpoolReader.SpoolSummary[1];
    List<GpuSample> samples = read("43", keys, summary);
    assertEquals(java.util.Set.of("amd-smi"), summary[0].tools());
    assertEquals(12.0, samples.get(0).utilPct());
  }

  @Test
  void noToolOnTheNodeIsRecordedAsSuch() throws Exception {
    config("");
    tools();
    prolog("44", "0,1");
    GpuSpoolReader.SpoolSummary[] summary = new GpuSpoolReader.SpoolSummary[1];
    assertTrue(read("44", new ArrayList<>(), summary).isEmpty());
    assertTrue(summary[0].noDataReason().startsWith("no GPU tool"), summary[0].noDataReason());
  }

  @Test
  void jobWithoutGpusGetsNothing() throws Exception {
    config("");
    fakeTool("rocm-smi", "echo '{}'");
    Duration took = hook("prolog-gpu", Map.of("SLURM_JOB_ID", "45"));
    assertTrue(took.toMillis() < 2000);
    assertFalse(Files.exists(tmp.resolve("spool").resolve("45")));
  }

  @Test
  void aHangingToolNeitherDelaysTheJobNorOutlivesTheEpilog() throws Exception {
    config("BURSTFLOW_GPU_TOOL_TIMEOUT=1\n"); // the config's last word wins
    fakeTool("rocm-smi", "/usr/bin/sleep 60");
    prolog("46", "0");
    Thread.sleep(1500);
    Duration took = hook("epilog-gpu", Map.of("SLURM_JOB_ID", "46"));
    assertTrue(took.toMillis() < 2000, "epilog took " + took);
    Thread.sleep(300);
    assertFalse(samplerRunning("46"));
  }

  @Test
  void anUnwritableSpoolStillExitsZero() throws Exception {
    conf = tmp.resolve("hooks.conf");
    Files.writeString(conf, "BURSTFLOW_GPU_SPOOL_DIR=/proc/burstflow-cannot-exist\nBURSTFLOW_GPU_RUN_DIR=/proc/nope\n"
        + "BURSTFLOW_GPU_TOOL_DIRS=" + tmp.resolve("tools") + "\n");
    fakeTool("nvidia-smi", "echo 0, 1, 1, 1, 1, 1");
    hook("prolog-gpu", Map.of("SLURM_JOB_ID", "47", "SLURM_JOB_GPUS", "0"));
    hook("epilog-gpu", Map.of("SLURM_JOB_ID", "47"));
    hook("epilog-gpu", Map.of()); // no job id at all
  }
}
