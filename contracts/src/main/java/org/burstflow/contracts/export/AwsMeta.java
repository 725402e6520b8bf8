package org.burstflow.contracts.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * ASBX's one-line job summary, {@code aws_meta:{"cost":…,"duration":"…","instances":[…],"success":…}},
 * keys in alphabetical order as Go writes a map. burstflow puts it in the job's AdminComment
 * (never the user's Comment, which ASBX overwrote). {@code mpi_eff} is never written: nothing
 * measures MPI scaling efficiency.
 *
 * @param cost total charged, USD
 * @param duration Go duration string of the job's Elapsed
 * @param instances instance types used, once each
 */
@JsonPropertyOrder(alphabetic = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AwsMeta(BigDecimal cost, String duration, List<String> instances, boolean success) {

  /** What the AdminComment starts with. */
  public static final String PREFIX = "aws_meta:";
}
