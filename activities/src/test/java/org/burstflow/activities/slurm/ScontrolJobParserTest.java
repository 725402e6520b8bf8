package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.burstflow.contracts.slurm.SlurmJob;
import org.junit.jupiter.api.Test;

class ScontrolJobParserTest {

  @Test
  void runningCloudJob() {
    SlurmJob job = ScontrolJobParser.parse(Fixtures.read("scontrol/running-cloud-job.txt"));

    assertEquals(
        new SlurmJob(4242, "md run 7", "alice", "chem-lab", "cloud", 2, 8, Duration.ofDays(1),
            "c5.xlarge&spot", "CONFIGURING"),
        job);
  }

  @Test
  void rawFieldsKeepValuesWithEqualsSignsAndSpaces() {
    Map<String, String> f = ScontrolJobParser.fields(Fixtures.read("scontrol/running-cloud-job.txt"));

    assertEquals("cpu=8,mem=8000M,node=2,billing=8", f.get("TRES"));
    assertEquals("/home/alice/runs/md run.sh --steps=1000", f.get("Command"));
    assertEquals("/home/alice/runs", f.get("WorkDir"));
    assertEquals("head:2211", f.get("AllocNode:Sid"));
    assertEquals("1", f.get("CPUs/Task"));
    assertEquals("", f.get("Power"));
    // free text that looks like Key=Value stays in the free-text value
    assertEquals("sweep A=1 B=2", f.get("Comment"));
    assertEquals("gres:gpu:0", f.get("TresPerNode"));
    assertEquals("END", f.get("MailType"));
  }

  @Test
  void pendingRootJobWithRangesAndNoLimit() {
    SlurmJob job = ScontrolJobParser.parse(Fixtures.read("scontrol/pending-root-unlimited.txt"));

    assertEquals(4500, job.jobId());
    assertEquals("root", job.user());
    assertNull(job.account()); // (null)
    assertEquals(2, job.numNodes()); // 2-2
    assertEquals(2, job.numCpus());
    assertNull(job.timeLimit()); // UNLIMITED
    assertNull(job.features());
    assertEquals("PENDING", job.state());
  }

  @Test
  void freeTextAtTheEndOfTheLineKeepsItsSpaces() {
    Map<String, String> f =
        ScontrolJobParser.fields("JobId=9 JobName=x NumNodes=1 NumCPUs=1 Command=/bin/sleep 100  now");
    assertEquals("/bin/sleep 100  now", f.get("Command"));
  }

  @Test
  void rejectsWhatIsNotOneJobLine() {
    assertThrows(IllegalArgumentException.class, () -> ScontrolJobParser.parse(""));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScontrolJobParser.parse("slurm_load_jobs error: Invalid job id specified"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScontrolJobParser.parse("JobId=1 NumNodes=1 NumCPUs=1\nJobId=2 NumNodes=1 NumCPUs=1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScontrolJobParser.parse("JobName=x NumNodes=1 NumCPUs=1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScontrolJobParser.parse("JobId=3 NumNodes=two NumCPUs=1"));
    assertEquals("NumNodes: cannot read 'two' (expected a whole number)", e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void aYearLongLimitIsSlurmsStandInForUnlimited() {
    org.junit.jupiter.api.Assertions.assertNull(ScontrolJobParser.timeLimit("365-00:00:00"));
    org.junit.jupiter.api.Assertions.assertNull(ScontrolJobParser.timeLimit("UNLIMITED"));
    org.junit.jupiter.api.Assertions.assertEquals(
        java.time.Duration.ofDays(364), ScontrolJobParser.timeLimit("364-00:00:00"));
  }
}
