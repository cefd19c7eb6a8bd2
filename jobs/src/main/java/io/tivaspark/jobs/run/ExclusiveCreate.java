package io.tivaspark.jobs.run;

import io.tivaspark.jobs.cli.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Creates a small file only if nothing is at its path, atomically, on every kind of store the
 * warehouse may be on: the one primitive the warehouse lock needs (docs/operations.md §4).
 *
 * <ul>
 *   <li>local disk: {@code O_EXCL} ({@code CREATE_NEW});
 *   <li>S3 ({@code s3a://}): a conditional PUT, {@code If-None-Match: *}, which S3 evaluates
 *       atomically on the object (Amazon S3 since 2024; MinIO, Cloudflare R2 and others too).
 *       Asked of the S3A connector (Hadoop 3.4.2+) with the {@code createFile()} option
 *       {@code fs.option.create.conditional.overwrite}; refused when the connector has it turned
 *       off ({@code fs.s3a.create.conditional.enabled=false}) rather than falling back to S3A's
 *       check-then-PUT, which two runs can both pass;
 *   <li>HDFS, ABFS (its create with overwrite=false is conditional on the service), GCS (a
 *       generation-0 precondition): {@code create(path, overwrite=false)}.
 * </ul>
 *
 * <p>{@link #hasAtomicRename} tells whether a rename moves a file atomically (local disk, HDFS)
 * or is a copy and a delete (object stores), which the lock's take-over of a stale file must know.
 */
final class ExclusiveCreate {
  /** The Hadoop createFile() option for a PUT with If-None-Match: * (Hadoop 3.4.2+). */
  static final String CONDITIONAL = "fs.option.create.conditional.overwrite";
  /** Schemes whose rename of one file is one atomic metadata operation. */
  private static final Set<String> ATOMIC_RENAME = Set.of("file", "hdfs", "viewfs", "o3fs", "ofs");

  private ExclusiveCreate() {}

  /** Whether {@code fs} renames a file atomically (false on object stores: copy then delete). */
  static boolean hasAtomicRename(FileSystem fs) {
    return ATOMIC_RENAME.contains(fs.getUri().getScheme());
  }

  /** Whether {@code fs} is the S3A connector (its create needs the conditional option). */
  static boolean isS3a(FileSystem fs) {
    return "s3a".equals(fs.getUri().getScheme());
  }

  /**
   * Writes {@code bytes} to {@code path} if nothing is there; returns false, writing nothing,
   * when a file already is (another run created it first, however close in time).
   */
  static boolean create(FileSystem fs, Path path, byte[] bytes) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      try {
        Files.write(Paths.get(fs.makeQualified(path).toUri()), bytes, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try {
      try (OutputStream out = open(fs, path)) {
        out.write(bytes);
      } // S3: the conditional PUT happens here, in close()
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // a refused precondition means an object was there when the PUT arrived, even if its writer
      // has deleted it since (a take-over marker lives for a few milliseconds): no exists() check
      if (preconditionFailed(e) || fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Whether {@code e} is the store refusing a create-if-absent because an object was there: S3A
   * reports the 412 of {@code If-None-Match: *} as {@code RemoteFileChangedException} (its class is
   * matched by name: hadoop-aws is on the classpath only where s3a:// is used).
   */
  static boolean preconditionFailed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String msg = String.valueOf(t.getMessage());
      if ("RemoteFileChangedException".equals(t.getClass().getSimpleName())
          || msg.contains("Status Code: 412") || msg.contains("PreconditionFailed")) {
        return true;
      }
    }
    return false;
  }

  private static OutputStream open(FileSystem fs, Path path) throws IOException {
    if (!isS3a(fs)) {
      return fs.create(path, false);
    }
    try {
      FSDataOutputStreamBuilder<?, ?> b = fs.createFile(path).overwrite(false);
      b.must(CONDITIONAL, true);
      return (OutputStream) b.build();
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      throw new UsageException("the warehouse " + path.getParent() + " is on S3, where the run lock needs a "
          + "conditional create (PUT If-None-Match: *), and this S3A connector refuses it (" + e.getMessage()
          + "): set spark.hadoop.fs.s3a.create.conditional.enabled=true (Hadoop 3.4.2 or later)");
    }
  }
}
