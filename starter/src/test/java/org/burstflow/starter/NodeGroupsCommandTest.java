package org.burstflow.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/** {@code burstflow nodegroups import} on a realistic aws-plugin-for-slurm partitions.json. */
class NodeGroupsCommandTest {

  /** The activities module's sample, so the file and the importer's own tests stay one. */
  private static final Path SAMPLE = Path.of("../activities/src/test/resources/cloud/aws-plugin-partitions.json");
  private static final String[] PRICES = {
      "--hourly-price", "c5.xlarge=0.17", "--hourly-price", "c5a.xlarge=0.154",
      "--hourly-price", "c5n.18xlarge=3.888", "--hourly-price", "hpc6a.48xlarge=2.88",
      "--hourly-price", "g5.2xlarge=1.212"};

  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new BurstflowCli()).execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String[] args(String... head) {
    String[] all = new String[head.length + PRICES.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(PRICES, 0, all, head.length, PRICES.length);
    return all;
  }

  @Test
  @SuppressWarnings("unchecked")
  void printsTheNodeGroupsAsTheWorkersYaml() {
    Run run = run(args("nodegroups", "import", SAMPLE.toString(), "--placement-group"));
    assertEquals(0, run.exit(), run.err());

    Map<String, Object> ec2 = (Map<String, Object>) ((Map<String, Object>)
        new Yaml().<Map<String, Object>>load(run.out()).get("burstflow")).get("ec2");
    assertEquals("us-east-1", ec2.get("region"));
    List<Map<String, Object>> groups = (List<Map<String, Object>>) ec2.get("node-groups");
    assertEquals(3, groups.size());
    Map<String, Object> first = groups.get(0);
    assertEquals("aws-node", first.get("name"));
    assertEquals("aws", first.get("partition"));
    assertEquals(List.of(Map.of("type", "c5.xlarge", "hourly-price", 0.17), Map.of("type", "c5a.xlarge", "hourly-price", 0.154)),
        first.get("instance-types"));
    assertEquals(List.of("subnet-11111111", "subnet-22222222"), first.get("subnet-ids"));
    assertEquals("template-name", first.get("launch-template"));
    assertEquals("spot", first.get("purchasing-option"));
    assertEquals(true, first.get("placement-group"));
    assertEquals(false, first.get("efa"));
    assertTrue(run.out().contains("hourly-price: 3.888"), "prices printed as given:\n" + run.out());
    assertTrue(run.err().contains("note: aws-od: MaxNodes 8 is the size of the group's node list"), run.err());
  }

  @Test
  void aMissingPriceOrABadFileExitsTwoWithTheReason() throws Exception {
    Run unpriced = run("nodegroups", "import", SAMPLE.toString(), "--hourly-price", "c5.xlarge=0.17");
    assertEquals(2, unpriced.exit());
    assertTrue(unpriced.err().contains("no hourly price for instance types [c5a.xlarge, c5n.18xlarge, g5.2xlarge, hpc6a.48xlarge]"),
        unpriced.err());
    assertEquals("", unpriced.out());

    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"Partitions\": [{\"PartitionName\": \"aws\"}]}");
    Run badRun = run(args("nodegroups", "import", bad.toString()));
    assertEquals(2, badRun.exit());
    assertEquals("nodegroups import: " + bad + ": Partitions[0] (aws): no \"NodeGroups\"", badRun.err().strip());

    Run missing = run(args("nodegroups", "import", tmp.resolve("nope.json").toString()));
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void aPriceThatIsNotANumberIsRefusedByTheCommandLine() {
    assertEquals(2, run("nodegroups", "import", SAMPLE.toString(), "--hourly-price", "c5.xlarge=cheap").exit());
  }
}
