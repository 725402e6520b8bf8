package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.OfflineAnalysis;
import org.burstflow.activities.analysis.TestSpool;
import org.burstflow.activities.slurm.AccountingSummarizer;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.burstflow.contracts.report.ReportInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A rendered GPU report sent over SMTP and read back from GreenMail, part by part. */
class ReportMailerTest {

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path spoolRoot;

  private final OptOutTokens tokens = new OptOutTokens("a-test-secret-of-some-length");
  private final PreferenceLinks links = new PreferenceLinks("https://burstflow.example.org/", tokens);

  private RenderedReport gpuReport() throws Exception {
    TestSpool.rocm(spoolRoot.resolve("7001"), "nid005001", "0,1,2,3", 4, 720, 20,
        (i, c) -> c == 0 ? 80 : 5, (i, c) -> 300);
    String sacct = Fixtures.read("sacct/lumi-gpu-8gcd.txt");
    JobAnalysis analysis = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(new BufferedReader(new StringReader(sacct)), "lumi", spoolRoot.resolve("7001")).get(0);
    ReportInput in = new ReportInput(new JobKey("lumi", 7001),
        AccountingSummarizer.summarize(SacctParser.parse(sacct), 7001, ZoneOffset.UTC), null, null, analysis);
    return new ReportRenderer().render(in, new ReportCharts(spoolRoot).draw(in));
  }

  @Test
  void reportArrivesAsPlainTextAndHtmlWithInlineChartsAndAnOptOut() throws Exception {
    RenderedReport report = gpuReport();
    ReportMailer mailer = new ReportMailer("127.0.0.1", greenMail.getSmtp().getPort(), "burstflow@example.org", links);
    String id = mailer.send(new ReportMailer.Outgoing(mailer.messageIdOf(new JobKey("lumi", 7001)), "alice@example.org",
        "alice", report.subject(), report.text(), report.html(), report.charts(), "lumi:7001"));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertEquals(1, received.length);
    MimeMessage m = received[0];
    assertEquals("<job-report.lumi.7001@example.org>", id);
    assertEquals(id, m.getMessageID());
    assertEquals(report.subject(), m.getSubject());
    assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());

    MimeMultipart alternative = (MimeMultipart) m.getContent();
    assertEquals(2, alternative.getCount());
    BodyPart plain = alternative.getBodyPart(0);
    assertTrue(plain.isMimeType("text/plain"), plain.getContentType());
    String text = (String) plain.getContent();
    assertTrue(text.contains("# Job 7001 (train) on lumi: COMPLETED"), text);
    assertTrue(text.contains("Stop them (one click): https://burstflow.example.org/preferences/opt-out?token="), text);

    BodyPart relatedPart = alternative.getBodyPart(1);
    assertTrue(relatedPart.isMimeType("multipart/related"), relatedPart.getContentType());
    MimeMultipart related = (MimeMultipart) relatedPart.getContent();
    assertEquals(1 + report.charts().size(), related.getCount());
    String html = (String) related.getBodyPart(0).getContent();
    assertTrue(related.getBodyPart(0).isMimeType("text/html"));
    assertTrue(html.contains("<h1>Job 7001 (train) on lumi: COMPLETED</h1>"), html);
    assertTrue(html.contains(">Stop these e-mails</a>"), html);
    for (int i = 0; i < report.charts().size(); i++) {
      ChartImage chart = report.charts().get(i);
      MimeBodyPart image = (MimeBodyPart) related.getBodyPart(i + 1);
      assertTrue(image.isMimeType("image/png"), image.getContentType());
      assertEquals("<" + chart.name() + ">", image.getContentID());
      assertEquals("inline", image.getDisposition());
      assertArrayEquals(chart.png(), image.getInputStream().readAllBytes(), chart.name());
      assertTrue(html.contains("src=\"cid:" + chart.name() + "\""), chart.name());
    }

    String unsubscribe = m.getHeader("List-Unsubscribe", null);
    assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
    String token = URLDecoder.decode(unsubscribe.substring(unsubscribe.indexOf("token=") + 6, unsubscribe.length() - 1),
        StandardCharsets.UTF_8);
    assertEquals(Optional.of("alice"), tokens.verify(token), "the header's link opts out alice and no one else");
  }

  @Test
  void forgedOrTamperedTokensAreRefused() {
    String token = tokens.tokenFor("alice");
    assertEquals(Optional.of("alice"), tokens.verify(token));
    String bob = tokens.tokenFor("bob");
    assertEquals(Optional.empty(), tokens.verify(token.substring(0, token.indexOf('.')) + bob.substring(bob.indexOf('.'))));
    assertEquals(Optional.empty(), new OptOutTokens("another-secret-of-some-length").verify(token));
    assertEquals(Optional.empty(), tokens.verify("garbage"));
    assertEquals(Optional.empty(), tokens.verify(null));
  }

  @Test
  void digestListsEveryJobAndExplainsARepeatedFindingOnce() {
    DigestComposer composer = new DigestComposer(CauseLessons.defaults(), links);
    List<DigestEntry> entries = new java.util.ArrayList<>();
    for (long id = 1001; id <= 1020; id++) {
      entries.add(new DigestEntry(id, "task", "COMPLETED", id <= 1015 ? "INEFFICIENT" : "EFFICIENT", 600.0, 0.9,
          id <= 1015 ? 0.1 : 0.8, 0.15, id <= 1015 ? List.of("OVERSCALING") : List.of()));
    }
    DigestComposer.Composed mail = composer.compose("dev", entries);
    assertEquals("[burstflow] 20 job reports on dev: 5 Efficient, 15 Inefficient", mail.subject());
    assertTrue(mail.text().contains("| 1020 | task | COMPLETED | Efficient | 00:10:00 | 90.0 % | 80.0 % |"), mail.text());
    assertTrue(mail.text().contains("**More GPUs than the work used** in 15 of 20 jobs (1001, 1002,"), mail.text());
    assertEquals(1, mail.text().split("Many programs use one GPU", -1).length - 1, "the lesson once, not 15 times");
    assertTrue(mail.html().contains("href=\"https://burstflow.example.org/portal/jobs/dev/1001\">1001</a>"), mail.html());
  }
}
