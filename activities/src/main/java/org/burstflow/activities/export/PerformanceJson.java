package org.burstflow.activities.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import org.burstflow.contracts.export.AwsMeta;
import org.burstflow.contracts.export.PerformanceFeedback;

/**
 * The export's JSON: RFC 3339 times, money as plain decimals (never {@code 1E+1}), maps in key
 * order, so one document always has one byte form.
 */
public final class PerformanceJson {

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  /** The file's content: indented, ending in a newline. */
  public static byte[] document(PerformanceFeedback feedback) {
    try {
      return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(feedback) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("performance feedback not serialisable: " + e.getMessage(), e);
    }
  }

  /**
   * {@code aws_meta:{"cost":12.45,"duration":"2h0m0s","instances":["c5.large"],"success":true}}:
   * one line, no spaces, the cost without trailing zeros as Go prints a float.
   */
  public static String awsMetaLine(AwsMeta meta) {
    AwsMeta compact = new AwsMeta(
        meta.cost() == null ? null : meta.cost().stripTrailingZeros(), meta.duration(), meta.instances(), meta.success());
    try {
      return AwsMeta.PREFIX + MAPPER.writeValueAsString(compact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("aws_meta not serialisable: " + e.getMessage(), e);
    }
  }

  private PerformanceJson() {}
}
