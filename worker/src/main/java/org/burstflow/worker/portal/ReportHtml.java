package org.burstflow.worker.portal;

import java.util.Base64;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stored report HTML (a whole document, charts referenced as {@code <img src="cid:NAME">}
 * for the e-mail) made fit for the portal: the body only, to sit inside the portal page, and
 * each {@code cid:NAME} of a stored chart pointed at the portal's URL of that chart, or at the
 * PNG itself (a data: URI) in the download, which must read without the portal.
 */
public final class ReportHtml {

  /** Chart names as job_report_chart stores them; also what the chart URL accepts. */
  public static final Pattern CHART_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final Pattern CID = Pattern.compile("cid:([A-Za-z0-9._-]{1,32})");
  private static final Pattern BODY = Pattern.compile("(?is)<body[^>]*>(.*)</body>");

  /** What is between {@code <body>} and {@code </body>}, or the whole text when it is a fragment. */
  public static String body(String html) {
    Matcher m = BODY.matcher(html);
    return m.find() ? m.group(1) : html;
  }

  /** Each {@code cid:NAME} naming one of {@code charts} replaced by {@code target(NAME)}; others left. */
  public static String rewriteCharts(String text, Set<String> charts, Function<String, String> target) {
    Matcher m = CID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(charts.contains(name) ? target.apply(name) : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Whether the HTML shows the chart already (so the page need not add it under the report). */
  public static boolean references(String html, String chart) {
    Matcher m = CID.matcher(html);
    while (m.find()) {
      if (m.group(1).equals(chart)) {
        return true;
      }
    }
    return false;
  }

  public static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  private ReportHtml() {}
}
