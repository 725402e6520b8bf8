package org.burstflow.activities.report;

/**
 * One pre-rendered chart of a report. {@code name} is stable ({@code gpu-util}, {@code memory},
 * {@code gpu-heatmap}, {@code cpu}) and is both the row key in {@code job_report_chart} and the
 * e-mail's Content-ID: the HTML refers to it as {@code <img src="cid:NAME">}, which the portal
 * rewrites to its own URL.
 *
 * @param description the chart's numbers in words, the image's alt text
 */
public record ChartImage(String name, String title, String description, byte[] png) {}
