package org.burstflow.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** gpu-parse and analyze end to end on files, as a user runs them. */
class OfflineCommandsTest {

  @TempDir Path tmp;

  private String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, new CommandLine(new BurstflowCli()).execute(args));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void gpuParsePrintsNullsWithReasons() throws Exception {
    Path f = Files.writeString(tmp.resolve("a.json"),
        "[{\"gpu\": 0, \"usage\": \"N/A\", \"power\": {\"socket_power\": {\"value\": 90, \"unit\": \"W\"}}}]");
    JsonNode samples = Json.MAPPER.readTree(run("gpu-parse", "--tool", "amd-smi", f.toString()));
    assertEquals(1, samples.size());
    assertTrue(samples.get(0).get("util_pct").isNull());
    assertEquals("amd-smi usage: N/A", samples.get(0).get("missing").get("util_pct").asText());
    assertEquals(90.0, samples.get(0).get("power_w").asDouble());
  }

  @Test
  void gpuParseTakesTheQueryOfNoheaderNvidiaOutput() throws Exception {
    Path f = Files.writeString(tmp.resolve("n.csv"), "3, [Not Supported]\n4, 12\n");
    JsonNode samples = Json.MAPPER.readTree(
        run("gpu-parse", "--tool", "nvidia-smi", "--columns", "index,utilization.gpu", f.toString()));
    assertEquals(3, samples.get(0).get("index").asInt());
    assertTrue(samples.get(0).get("util_pct").isNull());
    assertEquals(12.0, samples.get(1).get("util_pct").asDouble());
    assertEquals("not in the nvidia-smi query", samples.get(1).get("missing").get("power_w").asText());
  }

  @Test
  void analyzeJsonHasTheIssueFields() throws Exception {
    Path sacct = Files.writeString(tmp.resolve("s.txt"), String.join("\n",
        "JobID|JobIDRaw|User|State|Start|End|Elapsed|Timelimit|NNodes|AllocCPUS|TotalCPU|ReqMem|MaxRSS|AllocTRES",
        "55|55|bob|COMPLETED|2026-11-23T01:00:00|2026-11-23T02:00:00|01:00:00|10:00:00|1|16|01:00:00|64G||cpu=16,mem=64G,node=1",
        "55.batch|55.batch||COMPLETED|2026-11-23T01:00:00|2026-11-23T02:00:00|01:00:00||1|16|01:00:00||4G|cpu=16,mem=64G,node=1"));
    JsonNode a = Json.MAPPER.readTree(run("analyze", "--sacct", sacct.toString(), "--json", "--time-zone", "UTC"));
    assertEquals(55, a.get("job_id").asLong());
    assertEquals("COMPLETED", a.get("state").asText());
    assertEquals(1.0 / 16, a.get("cpu_efficiency").asDouble(), 1e-9);
    assertEquals(0.0625, a.get("memory_efficiency").asDouble(), 1e-9);
    assertEquals(0.1, a.get("time_efficiency").asDouble(), 1e-9);
    assertTrue(a.get("gpu").isNull());
    assertEquals("WASTED", a.get("efficiency_class").asText());
    assertTrue(a.get("causes").size() >= 2);
    assertTrue(a.get("sbatch_diff").size() >= 2);
    String text = run("analyze", "--sacct", sacct.toString(), "--time-zone", "UTC");
    assertTrue(text.contains("--mem=64G -> --mem=5G"), text);
  }
}
