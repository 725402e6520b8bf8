package org.burstflow.worker.policy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.burstflow.worker.config.BurstflowProperties;
import org.burstflow.worker.policy.EscalationRule.Flag;
import org.burstflow.worker.portal.PortalDenied;
import org.burstflow.worker.portal.PortalRepository;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.burstflow.worker.portal.Viewer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Support staff's view: users whose recent GPU jobs raise the advisory flag, and the read-only
 * export of per-user and per-project scores and waste (CSV, JSON). Support users (configured
 * login names) or admin / read-only API keys only.
 */
@Controller
public class SupportController {

  private final PortalRepository repository;
  private final EscalationRule rule;
  private final String cluster;
  private final Clock clock = Clock.systemUTC();

  public SupportController(PortalRepository repository, EscalationRule rule, BurstflowProperties props) {
    this.repository = repository;
    this.rule = rule;
    this.cluster = props.cluster();
  }

  @GetMapping("/portal/support")
  public String flagsPage(Viewer viewer, Model model) {
    requireSupport(viewer);
    model.addAttribute("viewer", viewer);
    model.addAttribute("flags", flags());
    model.addAttribute("rule", rule);
    return "portal/support";
  }

  @GetMapping(value = "/portal/support/flags.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public Map<String, Object> flagsJson(Viewer viewer) {
    requireSupport(viewer);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", cluster);
    out.put("rule", Map.of("window", rule.window(), "threshold", rule.threshold(), "classes", rule.classes(),
        "lookback_days", rule.lookback().toDays()));
    out.put("flags", flags().stream().map(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user", f.user());
      m.put("accounts", f.accounts());
      m.put("counted", f.counted());
      m.put("of_last", f.looked());
      m.put("job_ids", f.jobIds());
      m.put("gpu_hours_wasted", f.gpuHoursWasted());
      m.put("last_end", f.lastEnd().toString());
      return m;
    }).toList());
    return out;
  }

  @GetMapping(value = "/portal/support/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public Map<String, Object> exportJson(Viewer viewer, @RequestParam(defaultValue = "30") int days) {
    requireSupport(viewer);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cluster", cluster);
    out.put("days", days);
    out.put("lines", export(days));
    return out;
  }

  @GetMapping("/portal/support/export.csv")
  public ResponseEntity<byte[]> exportCsv(Viewer viewer, @RequestParam(defaultValue = "30") int days) {
    requireSupport(viewer);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
    headers.setContentDisposition(ContentDisposition.attachment()
        .filename("burstflow-efficiency-" + cluster + "-" + days + "d.csv").build());
    return ResponseEntity.ok().headers(headers)
        .body(EfficiencyExport.csv(export(days)).getBytes(StandardCharsets.UTF_8));
  }

  private List<EfficiencyExport.Line> export(int days) {
    if (days < 1 || days > 3660) {
      throw new PortalDenied(HttpStatus.BAD_REQUEST, "days must be 1..3660, got " + days);
    }
    List<Analysed> jobs = repository.analysedOfSite(cluster, clock.instant().minus(Duration.ofDays(days)));
    Set<String> flagged = flags().stream().map(Flag::user).collect(Collectors.toSet());
    return EfficiencyExport.of(jobs, flagged);
  }

  private List<Flag> flags() {
    Instant since = rule.since(clock);
    return rule.flags(repository.analysedOfSite(cluster, since));
  }

  private static void requireSupport(Viewer viewer) {
    if (!viewer.support()) {
      throw PortalDenied.forbidden("support staff only");
    }
  }
}
