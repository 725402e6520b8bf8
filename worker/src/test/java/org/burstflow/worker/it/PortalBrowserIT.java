package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.burstflow.activities.report.RenderedReport;
import org.burstflow.activities.report.ReportRenderer;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.Confidence;
import org.burstflow.contracts.analysis.EfficiencyClass;
import org.burstflow.contracts.analysis.GpuUsage;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.analysis.RootCause;
import org.burstflow.contracts.analysis.Savings;
import org.burstflow.contracts.analysis.SbatchChange;
import org.burstflow.contracts.report.ReportInput;
import org.burstflow.contracts.slurm.JobAccounting;
import org.burstflow.worker.BurstflowWorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portal in a real browser: the whole worker on a random port against the dev stack's
 * MariaDB, report and analysis rows inserted as the report and analysis activities would write
 * them (with a real PNG chart), and the system's headless Chromium driven through
 * /usr/bin/chromedriver. The login proxy's header is set the way a proxy would set it, on every
 * request the browser makes (DevTools' extra headers), from 127.0.0.1, a trusted proxy address.
 */
@SpringBootTest(
    classes = BurstflowWorkerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.start-workers=false",
      "burstflow.sweep.enabled=false",
      "burstflow.cluster=" + PortalBrowserIT.CLUSTER,
      "BURSTFLOW_EC2_SUBNET_ID=subnet-it",
      "BURSTFLOW_SPOOL_DIR=${java.io.tmpdir}/burstflow-portal-it-spool",
      "BURSTFLOW_ADMIN_API_KEY=portal-it-admin",
      "BURSTFLOW_REPORT_OPT_OUT_SECRET=portal-it-opt-out-secret",
      "burstflow.portal.support-users=sam",
      "burstflow.portal.project-pis.proj-portal-it[0]=pat",
      "burstflow.portal.tokens[0].user=alice",
      "burstflow.portal.tokens[0].key=portal-it-alice-token"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserIT {

  static final String CLUSTER = "portal-it";
  static final String PROJECT = "proj-portal-it";
  /** A project whose PI is known only from its budget account's principal_investigator. */
  static final String DB_PROJECT = "portal-it-dbpi";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final long ALICE_JOB = 7001;
  static final long BOB_JOB = 7002;
  static final long ALICE_DB_PROJECT_JOB = 7003;
  static final int CHART_WIDTH = 120;
  static final int CHART_HEIGHT = 60;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  private JdbcTemplate jdbc;
  private ChromeDriver browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void fixturesAndBrowser() throws Exception {
    // loud, not skipped: dev/test installs both
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the portal browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver, as dev/test does");
    jdbc = new JdbcTemplate(dataSource);
    clean();
    jdbc.update("INSERT INTO budget_account (account, limit_amount, principal_investigator) VALUES (?, 0, 'quinn')",
        DB_PROJECT);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ownerReport(now.minus(Duration.ofHours(1)));
    chart(ALICE_JOB, "gpu-util", "GPU utilisation over time", png(new Color(0x45, 0x7b, 0x9d)));
    // a chart the HTML does not reference is shown under the report
    chart(ALICE_JOB, "memory", "Memory use vs capacity", png(new Color(0xe7, 0x6f, 0x51)));
    report(BOB_JOB, "bob", "proj-other", "<h1 id=\"title\">Job 7002: bob's job</h1>");
    report(ALICE_DB_PROJECT_JOB, "alice", DB_PROJECT, "<h1 id=\"title\">Job 7003: other project</h1>");
    // alice: 10 GPU jobs, 7 of them inefficient or wasted -> flagged; 0.23 is the median utilisation
    analysis(ALICE_JOB, "alice", PROJECT, now.minus(Duration.ofHours(1)), 4, 0.23, 3.08, "INEFFICIENT");
    double[] utils = {0.05, 0.10, 0.20, 0.21, 0.23, 0.25, 0.80, 0.85, 0.90};
    for (int i = 0; i < utils.length; i++) {
      analysis(7100 + i, "alice", PROJECT, now.minus(Duration.ofDays(1 + i)), 4, utils[i], 4 * (1 - utils[i]),
          utils[i] < 0.15 ? "WASTED" : utils[i] < 0.40 ? "INEFFICIENT" : "EFFICIENT");
    }
    analysis(BOB_JOB, "bob", "proj-other", now.minus(Duration.ofHours(2)), 2, 0.75, 0.5, "EFFICIENT");
    analysis(7200, "carol", PROJECT, now.minus(Duration.ofDays(2)), 1, 0.60, 0.4, "ACCEPTABLE");
    analysis(ALICE_DB_PROJECT_JOB, "alice", DB_PROJECT, now.minus(Duration.ofDays(3)), 0, null, null, "EFFICIENT");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1400");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.executeCdpCommand("Network.enable", Map.of());
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (jdbc != null) {
      clean();
    }
  }

  @Test
  void theOwnerSeesTheReportAndItsCharts() throws Exception {
    as("alice");
    browser.get(url("/portal/jobs/" + CLUSTER + "/" + ALICE_JOB));
    assertEquals("Job 7001 (train-resnet) on portal-it: COMPLETED", browser.findElement(By.cssSelector("#report h1")).getText());
    assertTrue(browser.findElement(By.id("report")).getText().contains("Inefficient"));
    WebElement inline = browser.findElement(By.cssSelector("#report img"));
    assertTrue(inline.getAttribute("src").endsWith("/portal/jobs/" + CLUSTER + "/" + ALICE_JOB + "/charts/gpu-util.png"),
        inline.getAttribute("src"));
    assertLoaded(inline);
    WebElement extra = browser.findElement(By.cssSelector(".charts img"));
    assertEquals("Memory use vs capacity", extra.getAttribute("alt"));
    assertLoaded(extra);
    Files.write(Path.of("target/portal-report-owner.png"), browser.getScreenshotAs(OutputType.BYTES));

    browser.get(url("/portal/dashboard"));
    assertEquals("23 %", browser.findElement(By.id("median-gpu-util")).getText());
    assertTrue(browser.findElement(By.id("advisory")).getText().contains("7 of your last 10 GPU jobs"),
        browser.findElement(By.id("advisory")).getText());
    Files.write(Path.of("target/portal-dashboard-owner.png"), browser.getScreenshotAs(OutputType.BYTES));
    browser.get(url("/portal/jobs"));
    assertFalse(browser.findElements(By.linkText(Long.toString(ALICE_JOB))).isEmpty());
    assertTrue(browser.findElements(By.linkText(Long.toString(BOB_JOB))).isEmpty());
  }

  @Test
  void anotherUserGets403() throws Exception {
    as("bob");
    browser.get(url("/portal/jobs/" + CLUSTER + "/" + ALICE_JOB));
    assertEquals("403 Forbidden", browser.findElement(By.id("status")).getText());
    assertTrue(browser.findElements(By.id("report")).isEmpty());
    String path = "/portal/jobs/" + CLUSTER + "/" + ALICE_JOB;
    for (String p : List.of(path, path + "/charts/gpu-util.png", path + "/report.html", path + "/report.md",
        path + "/report.json")) {
      assertEquals(403, get(p, Map.of("X-Remote-User", "bob")).statusCode(), p);
      assertEquals(401, get(p, Map.of()).statusCode(), p);
    }
    // support staff see flags, not a researcher's report; a PI only their own project's
    assertEquals(403, get(path, Map.of("X-Remote-User", "sam")).statusCode());
    assertEquals(403, get(path, Map.of("X-Remote-User", "quinn")).statusCode());
    assertEquals(403, get("/portal/projects/" + PROJECT, Map.of("X-Remote-User", "alice")).statusCode());
  }

  @Test
  void thePiSeesTheProjectView() throws Exception {
    as("pat");
    browser.get(url("/portal/projects/" + PROJECT));
    assertEquals(PROJECT, browser.findElement(By.id("project")).getText());
    List<String> members = browser.findElements(By.cssSelector("#members td:first-child")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("member 1", "member 2"), members);
    // aggregates across users name nobody
    String page = browser.getPageSource();
    assertFalse(page.contains("alice") || page.contains("carol"), "the project view names a member");
    Files.write(Path.of("target/portal-project-pi.png"), browser.getScreenshotAs(OutputType.BYTES));
    browser.findElement(By.linkText(Long.toString(ALICE_JOB))).click();
    assertTrue(browser.findElement(By.cssSelector("#report h1")).getText().startsWith("Job 7001 "));
    assertEquals("alice", browser.findElement(By.id("owner")).getText());
    assertLoaded(browser.findElement(By.cssSelector("#report img")));
    // not the PI of bob's project
    browser.get(url("/portal/jobs/" + CLUSTER + "/" + BOB_JOB));
    assertEquals("403 Forbidden", browser.findElement(By.id("status")).getText());
    // the budget account's principal_investigator is a PI too
    assertEquals(200, get("/portal/jobs/" + CLUSTER + "/" + ALICE_DB_PROJECT_JOB, Map.of("X-Remote-User", "quinn"))
        .statusCode());
    assertEquals(200, get("/portal/projects/" + DB_PROJECT, Map.of("X-Remote-User", "quinn")).statusCode());
    assertEquals(403, get("/portal/jobs/" + CLUSTER + "/" + ALICE_DB_PROJECT_JOB, Map.of("X-Remote-User", "pat"))
        .statusCode());
  }

  @Test
  void downloadsCarryTheReportAndItsCharts() throws Exception {
    String path = "/portal/jobs/" + CLUSTER + "/" + ALICE_JOB;
    HttpResponse<String> html = get(path + "/report.html", Map.of("Authorization", "Bearer portal-it-alice-token"));
    assertEquals(200, html.statusCode());
    assertTrue(html.body().contains("<img src=\"data:image/png;base64,"), html.body());
    assertTrue(html.headers().firstValue("Content-Disposition").orElse("").contains("burstflow-portal-it-7001.html"));
    HttpResponse<String> json = get(path + "/report.json", Map.of("X-Remote-User", "alice"));
    assertTrue(json.body().contains("\"efficiency_class\" : \"INEFFICIENT\""), json.body());
    assertTrue(json.body().contains("/charts/gpu-util.png"), json.body());
    HttpResponse<String> md = get(path + "/report.md", Map.of("X-Remote-User", "alice"));
    assertEquals(200, md.statusCode());
    assertTrue(md.body().startsWith("# Job " + ALICE_JOB), md.body());
    assertTrue(md.body().contains("![GPU utilisation](http://127.0.0.1:" + port + "/portal/jobs/" + CLUSTER + "/"
        + ALICE_JOB + "/charts/gpu-util.png)"), md.body());
    // the page runs no script whatever the report holds
    assertTrue(get(path, Map.of("X-Remote-User", "alice")).headers().firstValue("Content-Security-Policy")
        .orElse("").contains("default-src 'none'"));
  }

  @Test
  void supportStaffSeeTheFlagAndTheExport() throws Exception {
    HttpResponse<String> flags = get("/portal/support/flags.json", Map.of("X-Remote-User", "sam"));
    assertEquals(200, flags.statusCode());
    assertTrue(flags.body().contains("\"user\":\"alice\"") && flags.body().contains("\"counted\":7"), flags.body());
    assertFalse(flags.body().contains("\"user\":\"bob\""), flags.body());
    HttpResponse<String> csv = get("/portal/support/export.csv", Map.of("Authorization", "Bearer portal-it-admin"));
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().lines().anyMatch(l -> l.startsWith("user,alice,11,10,") && l.endsWith(",true")), csv.body());
    assertTrue(csv.body().lines().anyMatch(l -> l.startsWith("project," + PROJECT + ",11,11,")), csv.body());
    assertEquals(200, get("/portal/support/export.json", Map.of("X-Remote-User", "sam")).statusCode());
    assertEquals(403, get("/portal/support/export.csv", Map.of("X-Remote-User", "alice")).statusCode());
    assertEquals(403, get("/portal/support", Map.of("Authorization", "Bearer portal-it-alice-token")).statusCode());
    as("sam");
    browser.get(url("/portal/support"));
    assertTrue(browser.findElement(By.id("flags")).getText().contains("alice"));
  }

  private void as(String user) {
    browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Remote-User", user)));
  }

  private void assertLoaded(WebElement img) {
    Long width = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
      Object w = browser.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : null;", img);
      return w == null ? null : ((Number) w).longValue();
    });
    assertEquals(CHART_WIDTH, width, "the chart did not load as the stored PNG: " + img.getAttribute("src"));
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void clean() {
    jdbc.update("DELETE FROM job_report WHERE cluster = ?", CLUSTER);
    jdbc.update("DELETE FROM job_analysis WHERE cluster = ?", CLUSTER);
    jdbc.update("DELETE FROM budget_account WHERE account = ?", DB_PROJECT);
  }

  private void report(long jobId, String user, String account, String body) {
    String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Job " + jobId + "</title></head>\n<body>\n"
        + body + "</body></html>\n";
    jdbc.update("INSERT INTO job_report (cluster, job_id, user_name, account, partition_name, recipient, subject, "
        + "markdown, text_body, html_body) VALUES (?, ?, ?, ?, 'gpu', ?, ?, ?, ?, ?)", CLUSTER, jobId, user, account,
        user + "@example.org", "Job " + jobId + " report", "# Job " + jobId + "\n\n![GPU](cid:gpu-util)\n",
        "Job " + jobId, html);
  }

  /**
   * Alice's report as the report activity renders it (the real ReportRenderer over an accounting
   * and a GPU analysis), with its GPU chart inline as {@code <img src="cid:gpu-util">} right under
   * the title, where the e-mail shows it.
   */
  private void ownerReport(Instant end) {
    JobAccounting acc = new JobAccounting(ALICE_JOB, "train-resnet", "alice", PROJECT, "gpu", "COMPLETED", "0:0",
        end.minus(Duration.ofHours(2)), end, Duration.ofHours(2), Duration.ofHours(4), 1, 32, "gpu-01",
        Duration.ofHours(40), 64L << 30, 20L << 30, 0.625, 0.3125);
    GpuUsage gpu = new GpuUsage(4, 4, 2880, 0.23, 0.41, 0.92, 0.61, 1800.0, 0.35, 3.08, 3.08, 30L << 30, 64L << 30,
        0.47, Confidence.HIGH, List.of(), null, List.of());
    JobAnalysis analysis = new JobAnalysis(CLUSTER, ALICE_JOB, "alice", "COMPLETED", 7200.0, 0.625, 0.3125, 0.5, gpu,
        EfficiencyClass.INEFFICIENT, "gpu mean utilisation 0.23",
        List.of(new RootCause("GPU_UNDERUSED", "the 4 GPUs were busy about a quarter of the time", 0.8,
            Map.of("mean_util", "0.23", "effective_gpus", "0.92"))),
        List.of(new SbatchChange("--gpus", "4", "1", "0.92 GPUs' worth of work was done")),
        new Savings(0, 6.0, null, "EUR"), "script-hash-7001");
    RenderedReport r = new ReportRenderer().render(
        new ReportInput(new JobKey(CLUSTER, ALICE_JOB), acc, null, null, analysis));
    String html = r.html().replaceFirst("</h1>",
        "</h1>\n<p><img src=\"cid:gpu-util\" alt=\"GPU utilisation over time\"></p>");
    jdbc.update("INSERT INTO job_report (cluster, job_id, user_name, account, partition_name, recipient, subject, "
        + "markdown, text_body, html_body) VALUES (?, ?, 'alice', ?, 'gpu', 'alice@example.org', ?, ?, ?, ?)",
        CLUSTER, ALICE_JOB, PROJECT, r.subject(), r.markdown() + "\n![GPU utilisation](cid:gpu-util)\n", r.text(), html);
  }

  private void chart(long jobId, String name, String title, byte[] png) {
    jdbc.update("INSERT INTO job_report_chart (cluster, job_id, name, title, png) VALUES (?, ?, ?, ?, ?)",
        CLUSTER, jobId, name, title, png);
  }

  private void analysis(long jobId, String user, String account, Instant end, int gpus, Double util, Double wasted,
      String cls) {
    jdbc.update("INSERT INTO job_analysis (cluster, job_id, user_name, account, job_name, state, end_time, "
        + "elapsed_seconds, alloc_cpus, alloc_gpus, cpu_efficiency, gpu_mean_util, gpu_hours_wasted, "
        + "efficiency_class, summary_json) VALUES (?, ?, ?, ?, ?, 'COMPLETED', ?, 3600, 8, ?, 0.5, ?, ?, ?, ?)",
        CLUSTER, jobId, user, account, "train-" + jobId, Timestamp.from(end), gpus, util, wasted, cls,
        "{\"cluster\":\"" + CLUSTER + "\",\"job_id\":" + jobId + ",\"efficiency_class\":\"" + cls + "\"}");
  }

  /** A small real PNG, as the chart renderer stores them. */
  private static byte[] png(Color color) throws Exception {
    BufferedImage image = new BufferedImage(CHART_WIDTH, CHART_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
    g.setColor(color);
    for (int x = 0; x < CHART_WIDTH; x += 10) {
      int h = 10 + (x * 7) % (CHART_HEIGHT - 10);
      g.fillRect(x, CHART_HEIGHT - h, 8, h);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
