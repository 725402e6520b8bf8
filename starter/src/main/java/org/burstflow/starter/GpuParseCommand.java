package org.burstflow.starter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.burstflow.activities.analysis.gpu.GpuParseResult;
import org.burstflow.activities.analysis.gpu.GpuTool;
import org.burstflow.activities.analysis.gpu.NvidiaSmiParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code burstflow gpu-parse --tool rocm-smi|amd-smi|nvidia-smi [FILE|-]}: one invocation's output
 * as normalised samples, a JSON array. Lines it could not read go to stderr.
 */
@Command(name = "gpu-parse", description = "Print a GPU tool's output as normalised per-GPU samples (JSON array).")
class GpuParseCommand implements Callable<Integer> {

  @Option(names = "--tool", required = true, description = "rocm-smi, amd-smi, nvidia-smi or dcgmi (stats -v)")
  String tool;

  @Parameters(index = "0", defaultValue = "-", description = "file with the tool's stdout, or - for stdin")
  String file;

  @Option(names = "--columns", split = ",",
      description = "nvidia-smi --query-gpu list of output printed with noheader (default: the sampler's "
          + "index,utilization.gpu,memory.used,memory.total,power.draw,temperature.gpu)")
  java.util.List<String> columns;

  @Override
  public Integer call() throws Exception {
    String text = file.equals("-")
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
        : Files.readString(Path.of(file));
    GpuParseResult result;
    try {
      GpuTool t = GpuTool.fromCommand(tool);
      result = t == GpuTool.NVIDIA_SMI && columns != null
          ? NvidiaSmiParser.parse(text, null, columns.stream().map(String::strip).toList())
          : t.parse(text, null);
    } catch (IllegalArgumentException e) {
      System.err.println("gpu-parse: " + e.getMessage());
      return 2;
    }
    result.warnings().forEach(w -> System.err.println("warning: " + w));
    if (result.samples().isEmpty()) {
      System.err.println("no GPUs in the " + tool + " output");
    }
    System.out.println(Json.MAPPER.writeValueAsString(result.samples()));
    return 0;
  }
}
