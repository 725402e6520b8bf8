package org.burstflow.activities.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostlistTest {

  @Test
  void expandsRangesListsAndPadding() {
    assertEquals(List.of("burst-1", "burst-2", "burst-3", "burst-5"), Hostlist.expand("burst-[1-3,5]"));
    assertEquals(List.of("a01b", "a02b", "a03b"), Hostlist.expand("a[01-03]b"));
    assertEquals(List.of("x1", "burst-2", "burst-3"), Hostlist.expand("x1,burst-[2-3]"));
    assertEquals(List.of("n08", "n09", "n10"), Hostlist.expand("n[08-10]"));
    assertEquals(List.of("n8", "n9", "n10"), Hostlist.expand("n[8-10]"));
    assertEquals(List.of("solo"), Hostlist.expand("solo"));
    assertEquals(List.of(), Hostlist.expand(""));
  }

  @Test
  void severalBracketGroupsMultiply() {
    assertEquals(
        List.of("r1n01", "r1n02", "r2n01", "r2n02"), Hostlist.expand("r[1-2]n[01-02]"));
  }

  @Test
  void whitespaceSeparatesLikeACommaAsInSlurm() {
    assertEquals(List.of("a1", "b2", "c3"), Hostlist.expand("a1 b2, c3"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "burst-[1-3", "burst-1-3]", "burst-[]", "burst-[3-1]", "burst-[1-]", "burst-[-1]",
        "burst-[a-c]", "burst-[[1-2]]", "a,,b", ",a", "a,", "bad/name", "n[0-99999999]",
        "n[1,,2]"
      })
  void rejectsMalformed(String hostlist) {
    assertThrows(IllegalArgumentException.class, () -> Hostlist.expand(hostlist));
  }

  @Test
  void compressesToTheCanonicalForm() {
    assertEquals("burst-[1-3,5]", Hostlist.compress(List.of("burst-3", "burst-1", "burst-5", "burst-2")));
    assertEquals("burst-[1-3],x1", Hostlist.compress(List.of("x1", "burst-2", "burst-3", "burst-1", "burst-2")));
    assertEquals("a[01-03]b", Hostlist.compress(List.of("a01b", "a02b", "a03b")));
    assertEquals("n[08-10]", Hostlist.compress(List.of("n10", "n08", "n09")));
    assertEquals("n[8-10]", Hostlist.compress(List.of("n10", "n8", "n9")));
    assertEquals("burst-7", Hostlist.compress(List.of("burst-7")));
    assertEquals("head", Hostlist.compress(List.of("head")));
    assertEquals("", Hostlist.compress(List.of()));
  }

  @Test
  void compressRejectsNamesThatAreNotHostNames() {
    assertThrows(IllegalArgumentException.class, () -> Hostlist.compress(List.of("a,b")));
    assertThrows(IllegalArgumentException.class, () -> Hostlist.compress(List.of("a[1]")));
  }

  @Test
  void compressThenExpandGivesTheSortedDistinctNames() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<String> hosts = new ArrayList<>();
      int count = 1 + random.nextInt(30);
      for (int i = 0; i < count; i++) {
        String prefix = List.of("burst-", "gpu", "r1n").get(random.nextInt(3));
        int n = random.nextInt(120);
        hosts.add(prefix + (random.nextBoolean() ? String.format("%03d", n) : Integer.toString(n)));
      }
      String compressed = Hostlist.compress(hosts);
      assertEquals(new TreeSet<>(hosts), new TreeSet<>(Hostlist.expand(compressed)), compressed);
      assertEquals(new TreeSet<>(hosts).size(), Hostlist.expand(compressed).size(), compressed);
    }
  }
}
