package org.burstflow.starter;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.OfflineAnalysis;
import org.burstflow.contracts.analysis.JobAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code burstflow analyze --sacct FILE [--gpu-samples PATH] [--json]}: the whole analysis offline
 * on files. One job prints one object; a dump of several prints an array.
 */
@Command(name = "analyze", description = "Analyse jobs from a sacct -P dump (and GPU samples) offline.")
class AnalyzeCommand implements Callable<Integer> {

  @Option(names = "--sacct", required = true,
      description = "sacct -P output with its header line (e.g. sacct -j ID -P --format=...)")
  Path sacct;

  @Option(names = "--gpu-samples", description = "the job's GPU spool directory or a .gpu file from gpu-sampler")
  Path gpuSamples;

  @Option(names = "--json", description = "print JSON instead of a readable summary")
  boolean json;

  @Option(names = "--cluster", defaultValue = "${env:BURSTFLOW_CLUSTER:-dev}", description = "cluster name")
  String cluster;

  @Option(names = "--time-zone", description = "zone sacct printed its times in (default: this machine's)")
  String timeZone;

  @Override
  public Integer call() throws Exception {
    ZoneId zone = timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    List<JobAnalysis> analyses;
    try (BufferedReader in = Files.newBufferedReader(sacct)) {
      analyses = new OfflineAnalysis(AnalysisSettings.defaults(), zone)
          .analyze(in, cluster, gpuSamples, System.err::println);
    } catch (IllegalArgumentException e) {
      System.err.println("analyze: " + e.getMessage());
      return 2;
    }
    if (analyses.isEmpty()) {
      System.err.println("analyze: no finished job in " + sacct);
      return 3;
    }
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(analyses.size() == 1 ? analyses.get(0) : analyses));
    } else {
      analyses.forEach(a -> System.out.println(AnalysisText.render(a)));
    }
    return 0;
  }
}
