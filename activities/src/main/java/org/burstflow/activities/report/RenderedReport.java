package org.burstflow.activities.report;

/** One job report in the forms a mail and the portal need. */
public record RenderedReport(String subject, String markdown, String text, String html) {}
