package org.burstflow.activities.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.burstflow.contracts.slurm.SlurmJob;

/**
 * Reads {@code scontrol show job -o <id>}: one line of {@code Key=Value} pairs separated by
 * spaces. Values may hold {@code =} ({@code TRES=cpu=2,mem=2000M,node=2}) and free-text values
 * (JobName, Command, WorkDir, Comment, …) may hold spaces; a word continues the previous value
 * unless it starts a new {@code Key=}. After a free-text key only a key scontrol is known to
 * print starts a new pair, so {@code Comment=run A=1} stays one value.
 */
public final class ScontrolJobParser {

  private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_:/-]*)=(.*)", Pattern.DOTALL);
  private static final Pattern USER = Pattern.compile("(.*)\\(\\d+\\)");
  private static final Set<String> FREE_TEXT =
      Set.of("JobName", "Command", "WorkDir", "StdErr", "StdIn", "StdOut", "Comment",
          "AdminComment", "SystemComment", "SubmitLine", "Reason");
  private static final Set<String> KNOWN_KEYS =
      Set.of("JobId", "ArrayJobId", "ArrayTaskId", "ArrayTaskThrottle", "HetJobId",
          "HetJobOffset", "HetJobIdSet", "JobName", "UserId", "GroupId", "MCS_label", "Priority",
          "Nice", "Account", "QOS", "WCKey", "JobState", "Reason", "Dependency", "Requeue",
          "Restarts", "BatchFlag", "Reboot", "ExitCode", "DerivedExitCode", "RunTime",
          "TimeLimit", "TimeMin", "SubmitTime", "EligibleTime", "AccrueTime", "StartTime",
          "EndTime", "Deadline", "PreemptEligibleTime", "PreemptTime", "SuspendTime",
          "SecsPreSuspend", "LastSchedEval", "Scheduler", "Partition", "AllocNode:Sid",
          "ReqNodeList", "ExcNodeList", "NodeList", "SchedNodeList", "BatchHost", "NumNodes",
          "NumCPUs", "NumTasks", "CPUs/Task", "ReqB:S:C:T", "TRES", "ReqTRES", "AllocTRES",
          "Socks/Node", "NtasksPerN:B:S:C", "CoreSpec", "ThreadSpec", "JOB_GRES", "MinCPUsNode",
          "MinMemoryNode", "MinMemoryCPU", "MinTmpDiskNode", "Features", "ClusterFeatures",
          "Prefer", "DelayBoot", "OverSubscribe", "Contiguous", "Licenses", "LicensesAlloc",
          "Network", "Command", "WorkDir", "AdminComment", "SystemComment", "Comment", "StdErr",
          "StdIn", "StdOut", "BurstBuffer", "BurstBufferState", "CpuFreqMin", "CpuFreqMax",
          "CpuFreqGov", "Power", "TresPerJob", "TresPerNode", "TresPerSocket", "TresPerTask",
          "TresBind", "TresFreq", "MailUser", "MailType", "NtasksPerTRES", "Reservation",
          "KillOInInvalidDependent", "Container", "ContainerID", "SubmitLine", "ResvPorts",
          "Switches", "Wait-for-Switch", "Nodes", "CPU_IDs", "Mem", "GRES", "Shared");

  private ScontrolJobParser() {}

  /** Every pair of the line, in order, values as printed. */
  public static Map<String, String> fields(String output) {
    String line = oneLine(output);
    Map<String, String> fields = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String word : line.split(" ", -1)) {
      Matcher m = KEY.matcher(word);
      boolean startsPair =
          m.matches() && (key == null || !FREE_TEXT.contains(key) || KNOWN_KEYS.contains(m.group(1)));
      if (startsPair) {
        if (key != null) {
          fields.put(key, value.toString());
        }
        key = m.group(1);
        value.setLength(0);
        value.append(m.group(2));
      } else if (key == null) {
        throw new IllegalArgumentException(
            "scontrol output does not start with Key=Value: " + line);
      } else {
        value.append(' ').append(word);
      }
    }
    fields.put(key, value.toString());
    return fields;
  }

  public static SlurmJob parse(String output) {
    return toJob(fields(output));
  }

  /** The {@link SlurmJob} described by {@link #fields}. */
  public static SlurmJob toJob(Map<String, String> f) {
    String jobId = required(f, "JobId");
    long id;
    try {
      id = Long.parseLong(jobId);
    } catch (NumberFormatException e) {
      throw SlurmUnits.bad("JobId", jobId, "a numeric job id");
    }
    return new SlurmJob(
        id,
        optional(f, "JobName"),
        user(optional(f, "UserId")),
        optional(f, "Account"),
        optional(f, "Partition"),
        lowerBound("NumNodes", f.get("NumNodes")),
        lowerBound("NumCPUs", f.get("NumCPUs")),
        timeLimit(f.get("TimeLimit")),
        optional(f, "Features"),
        optional(f, "JobState"));
  }

  /**
   * UNLIMITED is null. So is 365 days or more: slurmctld stands in a year for INFINITE while a
   * job without a limit is being configured on powered-up nodes (seen on 22.05), and no
   * estimate should take that literally.
   */
  static java.time.Duration timeLimit(String value) {
    java.time.Duration limit = SlurmUnits.duration("TimeLimit", value);
    return limit != null && limit.toDays() >= 365 ? null : limit;
  }

  private static String oneLine(String output) {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("scontrol output is empty");
    }
    var lines = output.lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() != 1) {
      throw new IllegalArgumentException(
          "expected one job on one line (scontrol show job -o <id>), got " + lines.size()
              + " lines");
    }
    return lines.get(0).strip();
  }

  /** {@code alice(1000)} → {@code alice}. */
  private static String user(String userId) {
    if (userId == null) {
      return null;
    }
    Matcher m = USER.matcher(userId);
    return m.matches() ? m.group(1) : userId;
  }

  /** {@code 2} or a pending job's {@code min-max} such as {@code 2-2} or {@code 1-4}: the min. */
  private static int lowerBound(String field, String value) {
    if (SlurmUnits.isEmpty(value)) {
      throw SlurmUnits.bad(field, value, "a count");
    }
    String min = value.split("-", 2)[0];
    Integer n = SlurmUnits.count(field, min);
    if (value.contains("-")) {
      SlurmUnits.count(field, value.split("-", 2)[1]); // reject garbage after the dash too
    }
    return n;
  }

  private static String required(Map<String, String> f, String key) {
    String v = optional(f, key);
    if (v == null) {
      throw new IllegalArgumentException("scontrol output has no " + key + ": " + f.keySet());
    }
    return v;
  }

  /** scontrol prints {@code (null)} for unset strings. */
  private static String optional(Map<String, String> f, String key) {
    String v = f.get(key);
    return v == null || v.isBlank() || v.equals("(null)") ? null : v;
  }
}
