package org.burstflow.activities.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.ZoneOffset;
import org.burstflow.activities.slurm.Fixtures;
import org.burstflow.activities.slurm.SacctParser;
import org.burstflow.contracts.JobKey;
import org.junit.jupiter.api.Test;

/** Recorded sacct output, classified as recovery sees it. */
class SacctJobEndLookupTest {

  private static JobEndLookup.JobEnd classify(String fixture, long job) {
    return SacctJobEndLookup.classify(SacctParser.parse(Fixtures.read("sacct/" + fixture)), new JobKey("dev", job),
        ZoneOffset.UTC);
  }

  @Test
  void endedRunningAndUnknown() {
    JobEndLookup.Ended ended = assertInstanceOf(JobEndLookup.Ended.class, classify("completed-two-node-cloud.txt", 4242));
    assertEquals("COMPLETED", ended.accounting().state());
    assertInstanceOf(JobEndLookup.Ended.class, classify("failed.txt", 4310));
    assertInstanceOf(JobEndLookup.NotEnded.class, classify("running.txt", 4300));
    assertInstanceOf(JobEndLookup.Unknown.class, classify("running.txt", 999));
  }
}
