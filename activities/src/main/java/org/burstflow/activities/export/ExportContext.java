package org.burstflow.activities.export;

/**
 * Where the export runs, for {@code execution_context}.
 *
 * @param awsRegion the region of the node groups
 * @param pluginVersion burstflow's version; null when the build does not say (a class directory)
 * @param slurmVersion as {@code scontrol --version} prints it, e.g. {@code 22.05.8}
 */
public record ExportContext(String awsRegion, String pluginVersion, String slurmVersion) {}
