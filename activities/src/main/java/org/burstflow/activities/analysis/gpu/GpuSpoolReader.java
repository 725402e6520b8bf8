package org.burstflow.activities.analysis.gpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads what slurm-hooks/gpu-sampler spooled for one job: one {@code <host>.gpu} file per node,
 *
 * <pre>
 * # burstflow-gpu-sampler 1 host=nid001 tool=rocm-smi gpus=0,1 interval=2
 * @@ 1763874000.123
 * …the tool's stdout for that sample…
 * @@ 1763874002.125
 * …
 * </pre>
 *
 * {@code tool=none} means no GPU tool was found on the node. Samples are streamed to the consumer
 * one block at a time (memory bounded by one block), keyed {@code <host>:<index>}, and only for
 * the job's GPUs ({@code gpus=}, from SLURM_JOB_GPUS) when the tool printed others too.
 */
public final class GpuSpoolReader {

  public static final String SUFFIX = ".gpu";
  private static final String HEADER = "# burstflow-gpu-sampler";
  private static final String MARK = "@@ ";

  private GpuSpoolReader() {}

  /** What was read, besides the samples themselves. */
  public record SpoolSummary(int files, long blocks, Set<String> tools, List<String> warnings, String noDataReason) {}

  /** @param path a job's spool directory, or one {@code .gpu} file */
  public static SpoolSummary read(Path path, BiConsumer<String, GpuSample> consumer) throws IOException {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
      }
    } else if (Files.exists(path)) {
      files = List.of(path);
    } else {
      return new SpoolSummary(0, 0, Set.of(), List.of(),
          "no GPU samples were spooled for this job (" + path + " does not exist: sampler not installed?)");
    }
    List<String> warnings = new ArrayList<>();
    List<String> noTool = new ArrayList<>();
    Set<String> tools = new java.util.TreeSet<>();
    long blocks = 0;
    for (Path file : files) {
      blocks += readFile(file, consumer, warnings, noTool, tools);
    }
    String reason = files.isEmpty() ? "no GPU sample files in " + path
        : !noTool.isEmpty() && tools.isEmpty() ? "no GPU tool (amd-smi, rocm-smi, nvidia-smi) on " + String.join(", ", noTool)
        : blocks == 0 ? "the sampler ran but took no sample (job shorter than one interval?)"
        : "the GPU tool reported no GPUs";
    return new SpoolSummary(files.size(), blocks, tools, warnings, reason);
  }

  private static long readFile(Path file, BiConsumer<String, GpuSample> consumer, List<String> warnings,
      List<String> noTool, Set<String> tools) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null || !first.startsWith(HEADER)) {
        warnings.add(file + ": not a burstflow GPU sample file");
        return 0;
      }
      Map<String, String> header = header(first);
      String host = header.getOrDefault("host", file.getFileName().toString().replace(SUFFIX, ""));
      String toolName = header.getOrDefault("tool", "none");
      if (toolName.equals("none")) {
        noTool.add(host);
        return 0;
      }
      GpuTool tool = GpuTool.fromCommand(toolName);
      tools.add(toolName);
      Set<Integer> jobGpus = gpus(header.get("gpus"));
      long blocks = 0;
      Instant time = null;
      StringBuilder block = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(MARK)) {
          if (block != null) {
            emit(tool, block, time, host, jobGpus, consumer, warnings, file);
            blocks++;
          }
          time = epoch(line.substring(MARK.length()).trim());
          block = new StringBuilder();
        } else if (block != null) {
          block.append(line).append('\n');
        }
      }
      if (block != null) {
        emit(tool, block, time, host, jobGpus, consumer, warnings, file);
        blocks++;
      }
      return blocks;
    }
  }

  private static void emit(GpuTool tool, StringBuilder block, Instant time, String host, Set<Integer> jobGpus,
      BiConsumer<String, GpuSample> consumer, List<String> warnings, Path file) {
    try {
      GpuParseResult r = tool.parse(block.toString(), time);
      for (GpuSample s : r.samples()) {
        if (jobGpus.isEmpty() || jobGpus.contains(s.index())) {
          consumer.accept(host + ":" + s.index(), s.time() == null ? s.at(time) : s);
        }
      }
      if (!r.warnings().isEmpty() && warnings.size() < 100) {
        warnings.addAll(r.warnings().stream().map(w -> file.getFileName() + " @" + time + ": " + w).toList());
      }
    } catch (IllegalArgumentException e) {
      // A torn last block (node lost mid-write) must not lose the rest of the trace.
      if (warnings.size() < 100) {
        warnings.add(file.getFileName() + " @" + time + ": " + e.getMessage());
      }
    }
  }

  private static Map<String, String> header(String line) {
    Map<String, String> h = new HashMap<>();
    for (String word : line.substring(HEADER.length()).trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        h.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return h;
  }

  /** SLURM_JOB_GPUS form: {@code 0,1,4}; empty = unknown, keep all. */
  static Set<Integer> gpus(String list) {
    if (list == null || list.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> s.matches("\\d+"))
        .map(Integer::valueOf).collect(Collectors.toSet());
  }

  private static Instant epoch(String text) {
    try {
      double seconds = Double.parseDouble(text);
      return Instant.ofEpochMilli(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
