package org.burstflow.worker.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.burstflow.worker.portal.PortalRows.Chart;
import org.burstflow.worker.portal.PortalRows.ReportDocument;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A report's charts and downloads, under the same access rule as the page: HTML with the charts
 * inside it (reads offline), Markdown with links to the charts, and JSON with the analysis.
 */
@RestController
public class ReportDownloadController {

  private final ReportAccess access;
  private final PortalRepository repository;
  private final ObjectMapper json;

  public ReportDownloadController(ReportAccess access, PortalRepository repository, ObjectMapper json) {
    this.access = access;
    this.repository = repository;
    this.json = json;
  }

  @GetMapping("/portal/jobs/{cluster}/{jobId}/charts/{name}.png")
  public ResponseEntity<byte[]> chart(Viewer viewer, @PathVariable String cluster, @PathVariable long jobId,
      @PathVariable String name) {
    access.readable(viewer, cluster, jobId);
    if (!ReportHtml.CHART_NAME.matcher(name).matches()) {
      throw PortalDenied.notFound("no chart " + name);
    }
    byte[] png = repository.chartPng(cluster, jobId, name)
        .orElseThrow(() -> PortalDenied.notFound("job " + jobId + " has no chart " + name));
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.noStore().cachePrivate()).body(png);
  }

  @GetMapping("/portal/jobs/{cluster}/{jobId}/report.html")
  public ResponseEntity<byte[]> html(Viewer viewer, @PathVariable String cluster, @PathVariable long jobId) {
    ReportDocument doc = access.readable(viewer, cluster, jobId);
    String html = ReportHtml.rewriteCharts(doc.html(), chartNames(doc),
        n -> ReportHtml.dataUri(repository.chartPng(cluster, jobId, n).orElseThrow()));
    return download(doc, "html", MediaType.TEXT_HTML, html);
  }

  @GetMapping("/portal/jobs/{cluster}/{jobId}/report.md")
  public ResponseEntity<byte[]> markdown(Viewer viewer, @PathVariable String cluster, @PathVariable long jobId) {
    ReportDocument doc = access.readable(viewer, cluster, jobId);
    String md = ReportHtml.rewriteCharts(doc.markdown(), chartNames(doc), n -> chartUrl(doc, n));
    return download(doc, "md", MediaType.parseMediaType("text/markdown"), md);
  }

  @GetMapping("/portal/jobs/{cluster}/{jobId}/report.json")
  public ResponseEntity<byte[]> json(Viewer viewer, @PathVariable String cluster, @PathVariable long jobId)
      throws Exception {
    ReportDocument doc = access.readable(viewer, cluster, jobId);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", doc.cluster());
    out.put("job_id", doc.jobId());
    out.put("user", doc.user());
    out.put("account", doc.account());
    out.put("partition", doc.partition());
    out.put("subject", doc.subject());
    out.put("rendered_at", doc.renderedAt() == null ? null : doc.renderedAt().toString());
    out.put("emailed_at", doc.sentAt() == null ? null : doc.sentAt().toString());
    // the analysis as the engine stored it (snake_case JobAnalysis), not re-shaped here
    out.put("analysis", doc.analysisJson() == null ? null : json.readValue(doc.analysisJson(), JsonNode.class));
    out.put("charts", repository.charts(cluster, jobId).stream()
        .map(c -> Map.of("name", c.name(), "title", c.title(), "url", chartUrl(doc, c.name()))).toList());
    out.put("markdown", doc.markdown());
    out.put("text", doc.text());
    return download(doc, "json", MediaType.APPLICATION_JSON, json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }

  private Set<String> chartNames(ReportDocument doc) {
    List<Chart> charts = repository.charts(doc.cluster(), doc.jobId());
    return charts.stream().map(Chart::name).collect(Collectors.toSet());
  }

  private static String chartUrl(ReportDocument doc, String name) {
    return ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/portal/jobs/{cluster}/{jobId}/charts/{name}.png")
        .buildAndExpand(doc.cluster(), doc.jobId(), name).toUriString();
  }

  private static ResponseEntity<byte[]> download(ReportDocument doc, String ext, MediaType type, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType(type, StandardCharsets.UTF_8));
    headers.setContentDisposition(ContentDisposition.attachment()
        .filename("burstflow-" + doc.cluster() + "-" + doc.jobId() + "." + ext).build());
    headers.setCacheControl(CacheControl.noStore().cachePrivate());
    return ResponseEntity.ok().headers(headers).body(body.getBytes(StandardCharsets.UTF_8));
  }
}
