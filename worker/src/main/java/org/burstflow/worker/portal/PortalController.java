package org.burstflow.worker.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.burstflow.worker.config.BurstflowProperties;
import org.burstflow.worker.policy.EscalationRule;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.burstflow.worker.portal.PortalRows.Chart;
import org.burstflow.worker.portal.PortalRows.ReportDocument;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's pages: a user's dashboard and job list, one job's report, and a project view for
 * its PI. Figures across users (the site's on the dashboard, the members' on the project view)
 * never name anyone.
 */
@Controller
public class PortalController {

  /** Fewer users than this and "the site" would be a person: its figures are not shown. */
  static final int MIN_USERS_FOR_SITE_FIGURES = 3;

  private final PortalRepository repository;
  private final ProjectDirectory projects;
  private final ReportAccess access;
  private final EscalationRule escalation;
  private final String cluster;
  private final Clock clock = Clock.systemUTC();

  public PortalController(PortalRepository repository, ProjectDirectory projects, ReportAccess access,
      EscalationRule escalation, BurstflowProperties props) {
    this.repository = repository;
    this.projects = projects;
    this.access = access;
    this.escalation = escalation;
    this.cluster = props.cluster();
  }

  @GetMapping({"/portal", "/portal/"})
  public String home() {
    return "redirect:/portal/dashboard";
  }

  @GetMapping("/portal/dashboard")
  public String dashboard(Viewer viewer, @RequestParam(defaultValue = "30") int days, Model model) {
    Instant since = since(days);
    List<Analysed> mine = viewer.person() ? repository.analysedOfUser(cluster, viewer.name(), since) : List.of();
    List<Analysed> site = repository.analysedOfSite(cluster, since);
    long siteUsers = site.stream().map(Analysed::user).distinct().count();
    model.addAttribute("viewer", viewer);
    model.addAttribute("days", days);
    model.addAttribute("summary", EfficiencySummary.of(mine));
    model.addAttribute("site", siteUsers >= MIN_USERS_FOR_SITE_FIGURES ? EfficiencySummary.of(site) : null);
    model.addAttribute("minUsers", MIN_USERS_FOR_SITE_FIGURES);
    model.addAttribute("projects", viewer.person() ? projects.projectsLedBy(viewer.name()) : List.of());
    model.addAttribute("flag", viewer.person()
        ? escalation.flagOf(viewer.name(), repository.analysedOfUser(cluster, viewer.name(), escalation.since(clock)))
            .orElse(null)
        : null);
    model.addAttribute("rule", escalation);
    return "portal/dashboard";
  }

  @GetMapping("/portal/jobs")
  public String jobs(Viewer viewer, @RequestParam(defaultValue = "90") int days, Model model) {
    model.addAttribute("viewer", viewer);
    model.addAttribute("days", days);
    model.addAttribute("jobs", viewer.person() ? repository.jobsOfUser(cluster, viewer.name(), since(days)) : List.of());
    return "portal/jobs";
  }

  @GetMapping("/portal/jobs/{jobCluster}/{jobId}")
  public String report(Viewer viewer, @PathVariable String jobCluster, @PathVariable long jobId,
      HttpServletRequest request, Model model) {
    ReportDocument doc = access.readable(viewer, jobCluster, jobId);
    List<Chart> charts = repository.charts(jobCluster, jobId);
    Set<String> names = charts.stream().map(Chart::name).collect(Collectors.toCollection(LinkedHashSet::new));
    String base = request.getContextPath() + "/portal/jobs/" + jobCluster + "/" + jobId;
    String body = ReportHtml.rewriteCharts(ReportHtml.body(doc.html()), names, n -> base + "/charts/" + n + ".png");
    model.addAttribute("viewer", viewer);
    model.addAttribute("doc", doc);
    model.addAttribute("reportBody", body);
    model.addAttribute("base", base);
    // charts the report's HTML does not show itself (e.g. a report rendered before it had them)
    model.addAttribute("moreCharts", charts.stream().filter(c -> !ReportHtml.references(doc.html(), c.name())).toList());
    model.addAttribute("asPi", !viewer.name().equals(doc.user()));
    return "portal/report";
  }

  @GetMapping("/portal/projects")
  public String projectList(Viewer viewer, Model model) {
    model.addAttribute("viewer", viewer);
    model.addAttribute("projects", viewer.person() ? projects.projectsLedBy(viewer.name()) : List.of());
    return "portal/projects";
  }

  @GetMapping("/portal/projects/{account}")
  public String project(Viewer viewer, @PathVariable String account, @RequestParam(defaultValue = "30") int days,
      Model model) {
    access.requireProject(viewer, account);
    Instant since = since(days);
    List<Analysed> jobs = repository.analysedOfProject(cluster, account, since);
    model.addAttribute("viewer", viewer);
    model.addAttribute("account", account);
    model.addAttribute("days", days);
    model.addAttribute("summary", EfficiencySummary.of(jobs));
    model.addAttribute("members", anonymousMembers(jobs));
    model.addAttribute("jobs", repository.jobsOfProject(cluster, account, since));
    return "portal/project";
  }

  /** One member of a project, by a number instead of a name. */
  public record Member(String label, EfficiencySummary summary) {}

  /** Members numbered by GPU-hours wasted, most first: the PI sees where the waste is, not whose. */
  static List<Member> anonymousMembers(List<Analysed> jobs) {
    Map<String, List<Analysed>> byUser = jobs.stream().collect(Collectors.groupingBy(
        a -> a.user() == null ? "" : a.user()));
    List<EfficiencySummary> summaries = new ArrayList<>(byUser.values().stream().map(EfficiencySummary::of).toList());
    summaries.sort(Comparator.comparingDouble(EfficiencySummary::gpuHoursWasted).reversed()
        .thenComparing(EfficiencySummary::jobs, Comparator.reverseOrder()));
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      members.add(new Member("member " + (i + 1), summaries.get(i)));
    }
    return members;
  }

  private Instant since(int days) {
    if (days != 30 && days != 90 && days != 365) {
      throw new PortalDenied(HttpStatus.BAD_REQUEST, "days must be 30, 90 or 365, got " + days);
    }
    return clock.instant().minus(Duration.ofDays(days));
  }
}
