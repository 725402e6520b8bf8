package org.burstflow.worker.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {

  private static final String DOC = "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body class=\"x\">\n"
      + "<h1>Job 7</h1><img src=\"cid:gpu-util\" alt=\"GPU\"><img src=\"cid:unknown\"></body></html>\n";

  @Test
  void theBodyOfADocumentOrTheWholeFragment() {
    assertEquals("\n<h1>Job 7</h1><img src=\"cid:gpu-util\" alt=\"GPU\"><img src=\"cid:unknown\">",
        ReportHtml.body(DOC));
    assertEquals("<p>fragment</p>", ReportHtml.body("<p>fragment</p>"));
  }

  @Test
  void storedChartsArePointedAtTheirUrlOthersLeftAlone() {
    String out = ReportHtml.rewriteCharts(DOC, Set.of("gpu-util", "memory"), n -> "/portal/c/" + n + ".png");
    assertTrue(out.contains("<img src=\"/portal/c/gpu-util.png\" alt=\"GPU\">"), out);
    assertTrue(out.contains("src=\"cid:unknown\""), out);
    String md = ReportHtml.rewriteCharts("![GPU](cid:gpu-util) and $1 \\ text", Set.of("gpu-util"), n -> "u$1\\" + n);
    assertEquals("![GPU](u$1\\gpu-util) and $1 \\ text", md);
  }

  @Test
  void knowsWhichChartsTheHtmlShows() {
    assertTrue(ReportHtml.references(DOC, "gpu-util"));
    assertFalse(ReportHtml.references(DOC, "gpu"));
    assertFalse(ReportHtml.references(DOC, "memory"));
  }
}
