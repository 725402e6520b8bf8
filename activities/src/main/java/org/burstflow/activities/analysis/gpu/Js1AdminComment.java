package org.burstflow.activities.analysis.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Princeton jobstats' {@code JS1:} AdminComment summaries, so sites moving from jobstats keep
 * their history: {@code JS1:Short} (too short), {@code JS1:None} (no data) or
 * {@code JS1:<base64(gzip(json))>}. A GPU listed in the memory maps but absent from
 * {@code gpu_utilization} (it happens: reportseff fills 0, jobstats drops it) gets a null
 * utilisation with that reason.
 */
public final class Js1AdminComment {

  /** What the comment held: a status and, for data, one time-averaged sample per GPU. */
  public record Js1Summary(Status status, List<String> hosts, List<GpuSample> gpus) {}

  /** {@code Short}, {@code None}, or a decoded payload. */
  public enum Status { SHORT, NONE, DATA }

  static final String TOOL = "jobstats-js1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Js1AdminComment() {}

  /** Decodes one AdminComment; {@code hosts.get(i)} is the node of {@code gpus.get(i)}. */
  public static Js1Summary decode(String adminComment) {
    String v = adminComment == null ? "" : adminComment.strip();
    if (!v.startsWith("JS1:")) {
      throw new IllegalArgumentException("not a jobstats JS1 summary: " + RocmSmiParser.abbreviate(v));
    }
    String payload = v.substring(4).replaceAll("\\s", "");
    if (payload.equals("Short")) {
      return new Js1Summary(Status.SHORT, List.of(), List.of());
    }
    if (payload.equals("None")) {
      return new Js1Summary(Status.NONE, List.of(), List.of());
    }
    JsonNode root;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(payload)))) {
      root = JSON.readTree(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("JS1 payload is not base64 gzip JSON: " + e.getMessage());
    }
    List<String> hosts = new ArrayList<>();
    List<GpuSample> gpus = new ArrayList<>();
    for (Iterator<String> it = root.path("nodes").fieldNames(); it.hasNext(); ) {
      String host = it.next();
      JsonNode node = root.path("nodes").get(host);
      TreeSet<String> minors = new TreeSet<>();
      node.path("gpu_total_memory").fieldNames().forEachRemaining(minors::add);
      node.path("gpu_used_memory").fieldNames().forEachRemaining(minors::add);
      node.path("gpu_utilization").fieldNames().forEachRemaining(minors::add);
      for (String minor : minors) {
        SampleBuilder b = new SampleBuilder(TOOL, Integer.parseInt(minor));
        String absent = "no entry for GPU " + minor + " in the JS1 summary";
        b.decimal(GpuSample.UTIL, text(node.path("gpu_utilization").get(minor)), absent);
        b.bytes(GpuSample.VRAM_USED, text(node.path("gpu_used_memory").get(minor)), 1, absent);
        b.bytes(GpuSample.VRAM_TOTAL, text(node.path("gpu_total_memory").get(minor)), 1, absent);
        b.missing(GpuSample.POWER, "jobstats does not store power");
        b.missing(GpuSample.TEMP, "jobstats does not store temperature");
        hosts.add(host);
        gpus.add(b.build());
      }
    }
    return new Js1Summary(Status.DATA, hosts, gpus);
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }
}
