package org.burstflow.activities.export;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import org.burstflow.activities.slurm.SlurmCommands;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.export.PerformanceExportActivities;
import org.burstflow.contracts.export.PerformanceExportRequest;
import org.burstflow.contracts.export.PerformanceExportResult;
import org.burstflow.contracts.export.PerformanceFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activity adapter: builds the feedback, writes its file, sets the AdminComment. */
public class PerformanceExportActivitiesImpl implements PerformanceExportActivities {

  private static final Logger log = LoggerFactory.getLogger(PerformanceExportActivitiesImpl.class);

  /**
   * @param enabled false: nothing is written (the lifecycle still calls, and is told so)
   * @param adminComment false: the file only
   */
  public record Settings(boolean enabled, Path performanceDir, boolean adminComment, String awsRegion,
      String pluginVersion) {}

  private final Settings settings;
  private final SlurmCommands commands;
  private final PerformanceFiles files;
  private final AdminCommentWriter comments;
  private volatile String slurmVersion;

  public PerformanceExportActivitiesImpl(Settings settings, SlurmCommands commands) {
    this.settings = settings;
    this.commands = commands;
    this.files = new PerformanceFiles(settings.performanceDir());
    this.comments = new AdminCommentWriter(commands);
  }

  @Override
  public PerformanceExportResult export(PerformanceExportRequest request) {
    if (!settings.enabled()) {
      return new PerformanceExportResult(null, null, "performance export switched off (burstflow.export.enabled)");
    }
    PerformanceFeedback feedback = PerformanceFeedbackBuilder.build(request,
        new ExportContext(settings.awsRegion(), settings.pluginVersion(), slurmVersion()));
    Path file;
    try {
      file = files.write(request.job(), PerformanceJson.document(feedback));
    } catch (PerformanceFiles.DirectoryUnavailable e) {
      log.error("job {}: {}", request.job(), e.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.BAD_INPUT);
    }
    String line = PerformanceJson.awsMetaLine(PerformanceFeedbackBuilder.awsMeta(feedback));
    String comment = settings.adminComment()
        ? comments.put(request.job(), line)
        : "not set (burstflow.export.admin-comment is off)";
    log.info("job {}: performance feedback in {}; AdminComment {}", request.job(), file, comment);
    return new PerformanceExportResult(file.toString(), line, comment);
  }

  /**
   * {@code scontrol --version} prints {@code slurm 22.05.8} ({@code slurm-wlm 22.05.8} from
   * Debian's package): the last word. Asked once per worker.
   */
  private String slurmVersion() {
    if (slurmVersion == null) {
      String[] words = commands.runOrFail("scontrol", List.of("--version")).strip().split("\\s+");
      slurmVersion = words[words.length - 1];
    }
    return slurmVersion;
  }
}
