package org.burstflow.activities.report;

import java.util.List;

/**
 * One job report in the forms a mail and the portal need. The HTML refers to each chart as
 * {@code <img src="cid:NAME">}; the Markdown as {@code ![title](cid:NAME)}.
 */
public record RenderedReport(String subject, String markdown, String text, String html, List<ChartImage> charts) {

  public RenderedReport {
    charts = List.copyOf(charts);
  }

  public RenderedReport(String subject, String markdown, String text, String html) {
    this(subject, markdown, text, html, List.of());
  }
}
