package org.burstflow.activities.slurm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JobID as sacct prints it: {@code 123}, {@code 123.batch}, {@code 123.extern}, {@code 123.0},
 * array tasks {@code 123_4} and pending arrays {@code 123_[1-5%2]}, heterogeneous components
 * {@code 123+0}, and combinations such as {@code 123_4.batch} or {@code 123+1.0}.
 *
 * @param job the leading number: the job id, or for an array the array's job id
 * @param arrayTask the task index or pending-range text after {@code _}; null if not an array
 * @param hetOffset the component after {@code +}; null if not heterogeneous
 * @param step the step name after {@code .} ({@code batch}, {@code extern}, {@code 0}…); null
 *     for the allocation line
 */
public record SacctJobId(long job, String arrayTask, Integer hetOffset, String step) {

  private static final Pattern FORM =
      Pattern.compile("(\\d+)(?:_(\\d+|\\[[^\\]]+\\]))?(?:\\+(\\d+))?(?:\\.([A-Za-z0-9]+(?:\\+\\d+)?))?");

  public static SacctJobId parse(String field, String text) {
    if (SlurmUnits.isEmpty(text)) {
      throw SlurmUnits.bad(field, text, "a job id");
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw SlurmUnits.bad(field, text, "a job id such as 123, 123.batch, 123_4 or 123+0");
    }
    try {
      return new SacctJobId(
          Long.parseLong(m.group(1)),
          m.group(2),
          m.group(3) == null ? null : Integer.valueOf(m.group(3)),
          m.group(4));
    } catch (NumberFormatException e) {
      throw SlurmUnits.bad(field, text, "a job id that fits in a long");
    }
  }

  /** The allocation line carries the job's own state and limits; step lines carry usage. */
  public boolean isAllocation() {
    return step == null;
  }

  @Override
  public String toString() {
    return job
        + (arrayTask == null ? "" : "_" + arrayTask)
        + (hetOffset == null ? "" : "+" + hetOffset)
        + (step == null ? "" : "." + step);
  }
}
