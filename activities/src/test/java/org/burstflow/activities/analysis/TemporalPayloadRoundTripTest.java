package org.burstflow.activities.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.common.converter.DefaultDataConverter;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.analysis.AnalysisRequest;
import org.burstflow.contracts.analysis.JobAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activity's input and output survive Temporal's own data converter unchanged. */
class TemporalPayloadRoundTripTest {

  @TempDir Path tmp;

  @Test
  void jobAnalysisAndRequestRoundTrip() throws Exception {
    Path spool = TestSpool.rocm(tmp.resolve("j"), "n1", "0,1", 2, 100, 2,
        (i, c) -> c == 0 ? 90 : (i % 20 < 2 ? 0 : 50), (i, c) -> 300);
    JobAnalysis a = new OfflineAnalysis(AnalysisSettings.defaults(), ZoneOffset.UTC)
        .analyze(new BufferedReader(new StringReader(Fixtures.read("sacct/lumi-gpu-8gcd.txt"))), "lumi", spool)
        .get(0);
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    var payload = converter.toPayload(a).orElseThrow();
    assertEquals(a, converter.fromPayload(payload, JobAnalysis.class, JobAnalysis.class));
    String json = payload.getData().toStringUtf8();
    assertEquals(true, json.contains("\"efficiency_class\"") && json.contains("\"gpu_hours_wasted\""), json);

    var acc = org.burstflow.activities.slurm.AccountingSummarizer.summarize(
        org.burstflow.activities.slurm.SacctParser.parse(Fixtures.read("sacct/lumi-gpu-8gcd.txt")), 7001, ZoneOffset.UTC);
    AnalysisRequest r = new AnalysisRequest(new JobKey("lumi", 7001), acc, 8, "sha256:ab");
    assertEquals(r, converter.fromPayload(converter.toPayload(r).orElseThrow(), AnalysisRequest.class,
        AnalysisRequest.class));
  }
}
