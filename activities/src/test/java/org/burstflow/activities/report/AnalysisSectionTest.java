package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.ZoneOffset;
import org.burstflow.activities.analysis.AnalysisSettings;
import org.burstflow.activities.analysis.OfflineAnalysis;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.junit.jupiter.api.Test;

class AnalysisSectionTest {

  private static JobAnalysis analyse(String fixture) throws Exception {
    return new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(new BufferedReader(new StringReader(Fixtures.read("sacct/" + fixture))), "lumi", null).get(0);
  }

  private static String all(JobAnalysis a, java.util.function.UnaryOperator<String> outside, boolean amd) {
    return AnalysisSection.gpuUsage(a.gpu(), outside) + AnalysisSection.sections(a, outside, CauseLessons.defaults(), amd);
  }

  @Test
  void gpuJobWithoutSamplesSaysNoGpuDataNotWasted() throws Exception {
    String md = all(analyse("lumi-gpu-8gcd.txt"), ReportFormat::markdownText, true);
    assertTrue(md.contains("**No GPU data** for the 8 allocated GPU(s)"), md);
    assertTrue(md.contains("Not enough data to classify"), md);
    // the sbatch diff reads as a diff of the batch script
    assertTrue(md.contains("```diff\n"), md);
    assertTrue(md.contains("-#SBATCH --mem=480G\n+#SBATCH --mem=104G\n"), md);
  }

  @Test
  void causesCarryTheirNumbersInPlainWordsWithALessonAndALink() throws Exception {
    String md = all(analyse("out-of-memory.txt"), ReportFormat::plainText, false);
    assertTrue(md.contains("**The job ran out of memory**: the job ran out of memory and was killed."), md);
    assertTrue(md.contains("state = OUT_OF_MEMORY"), md);
    assertTrue(md.contains("(confidence 100 %)"), md);
    assertTrue(md.contains("Slurm stops a job whose processes use more memory"), md);
    assertTrue(md.contains("More: <https://slurm.schedmd.com/sbatch.html#OPT_mem>"), md);
  }
}
