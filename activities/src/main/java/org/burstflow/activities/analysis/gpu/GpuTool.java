package org.burstflow.activities.analysis.gpu;

import java.time.Instant;
import java.util.Arrays;

/** The GPU tools whose output we read, by the name they are invoked with. */
public enum GpuTool {
  ROCM_SMI("rocm-smi"),
  AMD_SMI("amd-smi"),
  NVIDIA_SMI("nvidia-smi"),
  /** {@code dcgmi stats -j <job> -v}: job-long statistics, one sample per GPU. */
  DCGMI_STATS("dcgmi");

  private final String command;

  GpuTool(String command) {
    this.command = command;
  }

  public String command() {
    return command;
  }

  public static GpuTool fromCommand(String command) {
    return Arrays.stream(values()).filter(t -> t.command.equals(command)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown GPU tool '" + command + "' (expected rocm-smi, amd-smi, nvidia-smi or dcgmi)"));
  }

  /** Reads one invocation's stdout; {@code time} stamps samples whose output has no time. */
  public GpuParseResult parse(String output, Instant time) {
    return switch (this) {
      case ROCM_SMI -> RocmSmiParser.parse(output, time);
      case AMD_SMI -> AmdSmiParser.parse(output, time);
      case NVIDIA_SMI -> NvidiaSmiParser.parse(output, time);
      case DCGMI_STATS -> DcgmiStatsParser.parse(output, time);
    };
  }
}
