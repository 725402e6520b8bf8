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

  @Test
  void gpuJobWithoutSamplesSaysNoGpuDataNotWasted() throws Exception {
    String md = AnalysisSection.markdown(analyse("lumi-gpu-8gcd.txt"), ReportFormat::markdownText);
    assertTrue(md.contains("**No GPU data** for the 8 allocated GPU(s)"), md);
    assertTrue(md.contains("Not enough data to classify"), md);
    assertTrue(md.contains("--mem=480G -> --mem=104G"), md);
  }

  @Test
  void causesCarryTheirEvidence() throws Exception {
    String md = AnalysisSection.markdown(analyse("out-of-memory.txt"), ReportFormat::plainText);
    assertTrue(md.contains("**OOM** (confidence 100 %)"), md);
    assertTrue(md.contains("state = OUT_OF_MEMORY"), md);
  }
}
