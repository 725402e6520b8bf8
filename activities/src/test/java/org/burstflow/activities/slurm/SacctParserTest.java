package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SacctParserTest {

  @Test
  void rowsAreKeyedByHeaderWithTypedAccess() {
    List<SacctRow> rows = SacctParser.parse(Fixtures.read("sacct/completed-two-node-cloud.txt"));

    assertEquals(4, rows.size());
    SacctRow job = rows.get(0);
    assertEquals("alice", job.raw("User"));
    assertEquals("burst-[1-2]", job.text("NodeList"));
    assertEquals(Duration.ofHours(3), job.totalCpu());
    assertEquals(2, job.nNodes());
    assertEquals(8, job.allocCpus());
    assertEquals(8000L << 20, job.allocTresMemoryBytes());
    assertEquals(new MemoryRequest(8000L << 20, MemoryRequest.Per.JOB), job.reqMem());
    assertEquals("", job.raw("MaxRSS"));
    assertNull(job.maxRssBytes());

    SacctRow step = rows.get(3);
    assertEquals("0", step.jobId().step());
    assertEquals(1947276L * 1024, step.maxRssBytes());
    assertEquals("", step.raw("User"));
    assertNull(step.text("User"));
  }

  @Test
  void columnOrderAndTrailingSeparatorOfParsableDoNotMatter() {
    List<SacctRow> rows = SacctParser.parse(Fixtures.read("sacct/reordered-trailing-separator.txt"));

    assertEquals(3, rows.size());
    SacctRow job = rows.get(0);
    assertEquals(4400, job.jobId().job());
    assertTrue(job.jobId().isAllocation());
    assertEquals("CANCELLED by 1000", job.state());
    assertEquals("CANCELLED", job.baseState());
    assertEquals("stopped early", job.raw("JobName"));
    assertFalse(job.has("User"));
    assertNull(job.raw("User"));
    assertEquals(524288L * 1024, rows.get(2).maxRssBytes());
  }

  @Test
  void aPipeInTheLastFreeTextColumnIsJoinedBack() {
    String out = "JobID|State|JobName\n77|COMPLETED|a|b|c\n";
    assertEquals("a|b|c", SacctParser.parse(out).get(0).raw("JobName"));
  }

  @Test
  void aLineWithTheWrongNumberOfFieldsIsRejected() {
    String out = "JobID|State|Elapsed\n77|COMPLETED|00:01:00|extra\n";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SacctParser.parse(out));
    assertTrue(e.getMessage().contains("line 2 has 4 fields but the header has 3"), e.getMessage());
  }

  @Test
  void outputWithoutHeaderIsRejected() {
    // what `sacct -n -P` prints: the first line is data, not column names
    assertThrows(
        IllegalArgumentException.class,
        () -> SacctParser.parse("4242|COMPLETED|00:30:00\n4242.batch|COMPLETED|00:30:00\n"));
    assertThrows(IllegalArgumentException.class, () -> SacctParser.parse(""));
  }

  @Test
  void formatFieldsCoverEveryColumnTheSummarizerReads() {
    List<String> fields = SacctParser.FORMAT_FIELDS;
    for (String column :
        List.of("JobID", "JobIDRaw", "JobName", "User", "Account", "Partition", "State",
            "ExitCode", "Start", "End", "Elapsed", "Timelimit", "NNodes", "AllocCPUS",
            "NodeList", "TotalCPU", "ReqMem", "MaxRSS", "AllocTRES", "TRESUsageInTot")) {
      assertTrue(fields.contains(column), column);
    }
    assertEquals("JobName", fields.get(fields.size() - 1));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "123, 123, null, null, null",
        "123.batch, 123, null, null, batch",
        "123.extern, 123, null, null, extern",
        "123.0, 123, null, null, 0",
        "123_4, 123, 4, null, null",
        "123_4.batch, 123, 4, null, batch",
        "'123_[1-5%2]', 123, '[1-5%2]', null, null",
        "123+0, 123, null, 0, null",
        "123+1.0, 123, null, 1, 0"
      })
  void jobIdsInEveryShape(String text, long job, String task, Integer het, String step) {
    SacctJobId id = SacctJobId.parse("JobID", text);
    assertEquals(new SacctJobId(job, task, het, step), id);
    assertEquals(text, id.toString());
    assertEquals(step == null, id.isAllocation());
  }

  @Test
  void badJobIdIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SacctJobId.parse("JobID", "abc.batch"));
    assertThrows(IllegalArgumentException.class, () -> SacctJobId.parse("JobID", "123_"));
    assertThrows(IllegalArgumentException.class, () -> SacctJobId.parse("JobID", ""));
  }
}
