package org.burstflow.starter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.burstflow.activities.cloud.AwsPluginConfigImport;
import org.burstflow.activities.cloud.NodeGroup;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code burstflow nodegroups …}: node-group configuration. */
@Command(name = "nodegroups", description = "Node-group configuration.",
    subcommands = NodeGroupsCommand.Import.class)
class NodeGroupsCommand {

  /**
   * {@code burstflow nodegroups import partitions.json --hourly-price c5.xlarge=0.17 …}: the
   * aws-plugin-for-slurm / ASBX node groups as burstflow's {@code application.yaml} section, on
   * stdout; what was not carried over goes to stderr. Exit 2 for a file it cannot take.
   */
  @Command(name = "import", description = "Print an aws-plugin-for-slurm partitions.json as burstflow node groups (YAML).")
  static class Import implements Callable<Integer> {

    @Parameters(index = "0", description = "the plugin's partitions.json, or - for stdin")
    String file;

    @Option(names = "--hourly-price", paramLabel = "TYPE=PRICE",
        description = "price per instance-hour (USD) of an instance type; one for every type the file names")
    Map<String, BigDecimal> hourlyPrices = new TreeMap<>();

    @Option(names = "--placement-group", description = "give multi-node jobs of every group a cluster placement group")
    boolean placementGroup;

    @Option(names = "--efa", description = "every group requires EFA (only EFA-capable types are launched)")
    boolean efa;

    @Override
    public Integer call() throws IOException {
      String json;
      try {
        json = file.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(file));
      } catch (NoSuchFileException e) {
        System.err.println("nodegroups import: no such file " + file);
        return 2;
      }
      AwsPluginConfigImport.Result result;
      try {
        result = AwsPluginConfigImport.read(json, hourlyPrices);
      } catch (AwsPluginConfigImport.InvalidConfig e) {
        System.err.println("nodegroups import: " + file + ": " + e.getMessage()
            + (e.getMessage().startsWith("no hourly price") ? "; give each with --hourly-price TYPE=PRICE" : ""));
        return 2;
      }
      result.notes().forEach(n -> System.err.println("note: " + n));
      System.out.print(yaml(result));
      return 0;
    }

    private String yaml(AwsPluginConfigImport.Result result) {
      Map<String, Object> ec2 = new LinkedHashMap<>();
      if (result.region() != null) {
        ec2.put("region", result.region());
      }
      ec2.put("node-groups", result.nodeGroups().stream().map(this::group).toList());
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      options.setIndicatorIndent(2);
      options.setIndentWithIndicator(true);
      return new Yaml(options).dump(Map.of("burstflow", Map.of("ec2", ec2)));
    }

    private Map<String, Object> group(NodeGroup g) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("partition", g.partition());
      m.put("instance-types", g.instanceTypes().stream()
          .map(o -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("type", o.type());
            // a BigDecimal is written as a plain number, exact to the digit given
            t.put("hourly-price", o.hourlyPrice());
            return t;
          })
          .toList());
      m.put("subnet-ids", List.copyOf(g.subnetIds()));
      m.put("launch-template", g.launchTemplate());
      m.put("purchasing-option", g.purchasingOption());
      m.put("placement-group", placementGroup);
      m.put("efa", efa);
      return m;
    }
  }
}
