package org.burstflow.activities.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.burstflow.contracts.JobKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export file: per cluster, owner-only, replaced whole, untouched when unchanged. */
class PerformanceFilesTest {

  private static final JobKey JOB = new JobKey("dev", 77);

  @TempDir Path dir;

  @Test
  void writesOwnerOnlyUnderTheClusterWithAsbxName() throws IOException {
    Path file = new PerformanceFiles(dir).write(JOB, bytes("{\"a\":1}\n"));

    assertEquals(dir.resolve("dev").resolve("job-77-performance.json"), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals(bytes("{\"a\":1}\n"), Files.readAllBytes(file));
    try (var left = Files.list(file.getParent())) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void theSameContentLeavesTheFileAloneAndNewContentReplacesIt() throws IOException {
    PerformanceFiles files = new PerformanceFiles(dir);
    Path file = files.write(JOB, bytes("one"));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(file, old);

    files.write(JOB, bytes("one"));
    assertEquals(old, Files.getLastModifiedTime(file));

    files.write(JOB, bytes("two"));
    assertArrayEquals(bytes("two"), Files.readAllBytes(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aDirectoryThatCannotBeMadeIsALoudError() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

    var e = assertThrows(PerformanceFiles.DirectoryUnavailable.class,
        () -> new PerformanceFiles(notADirectory).write(JOB, bytes("x")));
    assertTrue(e.getMessage().contains("burstflow.export.performance-dir"), e.getMessage());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
