package org.burstflow.worker.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.burstflow.worker.portal.PortalRows.Analysed;
import org.junit.jupiter.api.Test;

class EfficiencyExportTest {

  @Test
  void usersThenProjectsAsCsv() {
    Instant t = Instant.parse("2026-11-20T00:00:00Z");
    List<EfficiencyExport.Line> lines = EfficiencyExport.of(List.of(
        new Analysed(1, "alice", "chem", t, 4, 0.2, 2.5, 0.9, "INEFFICIENT"),
        new Analysed(2, "alice", "chem", t, 4, 0.6, 0.5, 0.9, "ACCEPTABLE"),
        new Analysed(3, "bob", "=cmd", t, 0, null, null, 0.75, "EFFICIENT")), Set.of("alice"));
    assertEquals(List.of("user:alice", "user:bob", "project:=cmd", "project:chem"),
        lines.stream().map(l -> l.scope() + ":" + l.name()).toList());
    String csv = EfficiencyExport.csv(lines);
    String[] rows = csv.split("\r\n");
    assertEquals(String.join(",", EfficiencyExport.CSV_HEADER), rows[0]);
    assertEquals("user,alice,2,2,0,1,1,0,0,0.4000,0.4000,0.9000,3.000,true", rows[1]);
    assertEquals("user,bob,1,0,1,0,0,0,0,0.7500,,0.7500,0.000,false", rows[2]);
    // a name a spreadsheet would run as a formula is defused
    assertEquals("project,\"'=cmd\",1,0,1,0,0,0,0,0.7500,,0.7500,0.000,false", rows[3]);
    assertEquals("\"a,b\"", EfficiencyExport.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", EfficiencyExport.field("say \"hi\""));
  }
}
