package org.burstflow.contracts.export;

/**
 * Where the performance feedback went.
 *
 * @param file the written file; null when the export is switched off
 * @param awsMeta the {@code aws_meta:…} line
 * @param adminComment what happened to the job's AdminComment, in words ("set", "kept: it holds
 *     jobstats' JS1 summary", …)
 */
public record PerformanceExportResult(String file, String awsMeta, String adminComment) {}
