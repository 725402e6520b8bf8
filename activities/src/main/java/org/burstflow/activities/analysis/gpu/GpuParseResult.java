package org.burstflow.activities.analysis.gpu;

import java.util.List;

/**
 * What a tool's output held: one sample per GPU, and lines or entries that could not be read
 * (e.g. nvidia-smi's "GPU has fallen off the bus"), reported rather than dropped in silence.
 * No samples and no warnings is the normal "no GPUs" answer (rocm-smi without a driver prints
 * nothing and exits 0).
 */
public record GpuParseResult(List<GpuSample> samples, List<String> warnings) {
  public GpuParseResult {
    samples = List.copyOf(samples);
    warnings = List.copyOf(warnings);
  }
}
