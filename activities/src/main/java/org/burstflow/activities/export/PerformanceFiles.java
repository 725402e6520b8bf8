package org.burstflow.activities.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.burstflow.contracts.JobKey;

/**
 * Writes {@code <dir>/<cluster>/job-<id>-performance.json}: ASBX's file name, under a directory
 * per cluster because job ids are only unique within one. Mode 0600 (as ASBX: it names users and
 * accounts). Written to a temporary file in the same directory and moved over the old one, so a
 * reader never sees half a file; the same content again leaves the file untouched.
 */
public final class PerformanceFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** The directory cannot be made or written: a configuration error, not worth retrying. */
  public static final class DirectoryUnavailable extends RuntimeException {
    DirectoryUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path dir;

  public PerformanceFiles(Path dir) {
    this.dir = dir;
  }

  public Path fileOf(JobKey job) {
    return dir.resolve(job.cluster()).resolve("job-" + job.jobId() + "-performance.json");
  }

  public Path write(JobKey job, byte[] content) {
    Path target = fileOf(job);
    Path clusterDir = target.getParent();
    try {
      Files.createDirectories(clusterDir);
    } catch (IOException e) {
      throw new DirectoryUnavailable("performance export directory " + clusterDir
          + " does not exist and cannot be created (burstflow.export.performance-dir): " + e, e);
    }
    if (!Files.isWritable(clusterDir)) {
      throw new DirectoryUnavailable("performance export directory " + clusterDir
          + " is not writable (burstflow.export.performance-dir)", null);
    }
    try {
      if (sameFile(target, content)) {
        return target;
      }
      Path tmp = Files.createTempFile(clusterDir, "." + target.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          channel.write(java.nio.ByteBuffer.wrap(content));
          channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("could not write " + target + ": " + e, e);
    }
  }

  private static boolean sameFile(Path target, byte[] content) throws IOException {
    return Files.isRegularFile(target)
        && Files.getPosixFilePermissions(target).equals(OWNER_ONLY)
        && Arrays.equals(Files.readAllBytes(target), content);
  }
}
