package org.burstflow.activities.slurm;

/**
 * A memory request as sacct's ReqMem prints it. Slurm before 21.08 suffixed the figure with
 * {@code n} (per node) or {@code c} (per CPU); from 21.08 on there is no suffix and the figure is
 * the job's total (sacct reads it from the job's requested TRES {@code mem=}).
 */
public record MemoryRequest(long bytes, Per per) {

  /** What {@link #bytes} is counted per. */
  public enum Per {
    /** Legacy {@code n} suffix: each node gets this much. */
    NODE,
    /** Legacy {@code c} suffix: each allocated CPU gets this much. */
    CPU,
    /** No suffix (Slurm ≥ 21.08): the whole job's memory, all nodes together. */
    JOB
  }

  public MemoryRequest {
    if (bytes < 0) {
      throw new IllegalArgumentException("memory request cannot be negative: " + bytes);
    }
    if (per == null) {
      throw new IllegalArgumentException("memory request needs a scope (node, CPU or job)");
    }
  }
}
