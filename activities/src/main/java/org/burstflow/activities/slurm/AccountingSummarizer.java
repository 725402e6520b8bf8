package org.burstflow.activities.slurm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.burstflow.activities.slurm.AccountingNotSettledException.Reason;
import org.burstflow.contracts.slurm.JobAccounting;

/**
 * Turns one job's sacct rows (allocation line plus {@code .batch}, {@code .extern}, {@code .N}
 * steps) into {@link JobAccounting}, refusing to do so until the record is final.
 */
public final class AccountingSummarizer {

  /** States after which Slurm writes nothing more about the job. */
  public static final Set<String> TERMINAL_STATES =
      Set.of(
          "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED",
          "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE");

  private AccountingSummarizer() {}

  /**
   * @param rows parsed {@code sacct -j <jobId>} output (other jobs' rows are ignored)
   * @param jobId the Slurm job id (for an array task, its own id, matched against JobIDRaw)
   * @param zone the cluster's time zone, in which sacct prints Start and End
   * @throws AccountingNotSettledException when sacct does not yet have the job's final record
   */
  public static JobAccounting summarize(List<SacctRow> rows, long jobId, ZoneId zone) {
    List<SacctRow> mine = rows.stream().filter(r -> identity(r).job() == jobId).toList();
    List<SacctRow> allocations = mine.stream().filter(r -> identity(r).isAllocation()).toList();
    if (allocations.isEmpty()) {
      throw new AccountingNotSettledException(
          Reason.NO_ALLOCATION_LINE, "sacct has no allocation line for job " + jobId + " yet");
    }
    if (allocations.size() > 1) {
      throw new IllegalArgumentException(
          "sacct has " + allocations.size() + " allocation lines for job " + jobId
              + " (array or heterogeneous job without JobIDRaw?): "
              + allocations.stream().map(r -> r.raw("JobID")).toList());
    }
    SacctRow job = allocations.get(0);
    List<SacctRow> steps = mine.stream().filter(r -> !identity(r).isAllocation()).toList();
    requireSettled(job, steps, jobId, zone);

    Instant start = job.start(zone);
    Instant end = job.end(zone);
    Duration elapsed = job.elapsed();
    if (elapsed == null && start != null) {
      elapsed = Duration.between(start, end);
    }
    int nodes = orZero(job.nNodes());
    int cpus = orZero(job.allocCpus());
    Duration totalCpu = totalCpu(job, steps);
    Long peakRss = peakRss(job, steps);
    Long memPerNode = requestedMemoryPerNode(job, nodes, cpus);
    return new JobAccounting(
        jobId,
        job.text("JobName"),
        job.text("User"),
        job.text("Account"),
        job.text("Partition"),
        job.baseState(),
        job.text("ExitCode"),
        start,
        end,
        elapsed,
        job.timelimit(),
        nodes,
        cpus,
        nodeList(job.text("NodeList")),
        totalCpu,
        memPerNode,
        peakRss,
        cpuEfficiency(totalCpu, elapsed, cpus),
        fraction(peakRss, memPerNode));
  }

  /** JobIDRaw when sacct printed it (array tasks), else JobID. */
  private static SacctJobId identity(SacctRow row) {
    SacctJobId raw = row.jobIdRaw();
    return raw != null ? raw : row.jobId();
  }

  private static void requireSettled(SacctRow job, List<SacctRow> steps, long jobId, ZoneId zone) {
    String state = job.baseState();
    if (!TERMINAL_STATES.contains(state)) {
      throw new AccountingNotSettledException(
          Reason.JOB_NOT_ENDED, "job " + jobId + " is " + job.state() + " in sacct, not ended");
    }
    if (job.end(zone) == null) {
      throw new AccountingNotSettledException(
          Reason.NO_END_TIME, "job " + jobId + " is " + state + " but sacct has no End time yet");
    }
    for (SacctRow step : steps) {
      if (!TERMINAL_STATES.contains(step.baseState())) {
        throw new AccountingNotSettledException(
            Reason.STEP_NOT_ENDED,
            "job " + jobId + " is " + state + " but step " + step.raw("JobID") + " is still "
                + step.state());
      }
    }
  }

  /**
   * sacct itself prints, on the allocation line, the sum of the TotalCPU of the job's completed
   * steps (sacct.c adds each step's tot_cpu into the job record). We take that line when it is
   * non-zero and otherwise add the steps up ourselves, e.g. when the line was printed before the
   * steps arrived. Exactly zero everywhere means nothing was measured (a process that ran has
   * used some CPU), so it is unknown (null), not 0.
   */
  private static Duration totalCpu(SacctRow job, List<SacctRow> steps) {
    Duration onJob = job.totalCpu();
    if (onJob != null && !onJob.isZero()) {
      return onJob;
    }
    Duration sum =
        steps.stream().map(SacctRow::totalCpu).filter(Objects::nonNull)
            .reduce(Duration.ZERO, Duration::plus);
    return sum.isZero() ? null : sum;
  }

  /**
   * The largest per-node memory of any step. MaxRSS is the biggest single task's resident set, so
   * for a step with several tasks per node ({@code srun -n 8}) it undercounts: when sacct printed
   * TRESUsageInTot, its {@code mem=} (all tasks of the step together) ÷ the step's nodes counts
   * them all (seff's definition), and the larger of the two is taken. A zero everywhere means no
   * sampling took place (jobacct_gather off), hence null.
   */
  private static Long peakRss(SacctRow job, List<SacctRow> steps) {
    Long peak = job.maxRssBytes();
    for (SacctRow step : steps) {
      Long rss = max(step.maxRssBytes(), perNodeTotal(step));
      if (rss != null && (peak == null || rss > peak)) {
        peak = rss;
      }
    }
    return peak == null || peak == 0 ? null : peak;
  }

  private static Long perNodeTotal(SacctRow step) {
    Long total = step.tresUsageInTotMemoryBytes();
    Integer nodes = step.nNodes();
    return total == null || nodes == null || nodes == 0 ? null : total / nodes;
  }

  private static Long max(Long a, Long b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.max(a, b);
  }

  /**
   * Memory requested per node. ReqMem from Slurm ≥ 21.08 has no suffix and is the job's total
   * (sacct prints the {@code mem=} of the job's requested TRES, which slurmctld sets to per-node
   * memory × nodes or per-CPU memory × CPUs), so it is divided by NNodes. Older Slurm printed
   * {@code <size>n} (already per node) or {@code <size>c} (per CPU: × AllocCPUS / NNodes, the
   * average if CPUs are spread unevenly). A zero request ({@code --mem=0}: "all of the node")
   * and a missing ReqMem fall back to AllocTRES {@code mem=} (the job total allocated) / NNodes.
   */
  static Long requestedMemoryPerNode(SacctRow job, int nodes, int cpus) {
    if (nodes == 0) {
      return null;
    }
    MemoryRequest req = job.reqMem();
    if (req != null && req.bytes() > 0) {
      return switch (req.per()) {
        case NODE -> req.bytes();
        case JOB -> req.bytes() / nodes;
        case CPU -> cpus == 0 ? null : Math.round((double) req.bytes() * cpus / nodes);
      };
    }
    Long allocated = job.allocTresMemoryBytes();
    return allocated == null || allocated == 0 ? null : allocated / nodes;
  }

  private static Double cpuEfficiency(Duration totalCpu, Duration elapsed, int cpus) {
    if (totalCpu == null || elapsed == null || elapsed.isZero() || cpus == 0) {
      return null;
    }
    return (totalCpu.toNanos() / 1e9) / (elapsed.toNanos() / 1e9 * cpus);
  }

  private static Double fraction(Long used, Long available) {
    return used == null || available == null || available == 0
        ? null
        : (double) used / available;
  }

  private static String nodeList(String text) {
    return text == null || text.equals("None assigned") ? null : text;
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
