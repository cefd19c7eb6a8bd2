package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;
import org.junit.jupiter.api.Test;

/**
 * The create-if-absent on a store that reports "already there" as a failed precondition at close
 * (S3A: 412 as {@code RemoteFileChangedException}), including the case CI met: the object that
 * made the PUT fail (a take-over marker) was deleted again before the creator could look.
 */
class ExclusiveCreateTest {
  /** A store whose every create fails at close with {@code failure}, and where nothing exists. */
  static final class RefusingStore extends RawLocalFileSystem {
    private final IOException failure;

    RefusingStore(IOException failure) {
      this.failure = failure;
    }

    @Override
    public URI getUri() {
      return URI.create("refusing:///");
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite) throws IOException {
      OutputStream refusing = new OutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public void close() throws IOException {
          throw failure;
        }
      };
      return new FSDataOutputStream(refusing, null);
    }

    @Override
    public boolean exists(Path f) {
      return false;
    }
  }

  private static final byte[] BYTES = "run_id=r1\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void aFailedPreconditionIsAnObjectThereEvenIfItIsGoneSince() throws IOException {
    Path p = new Path("refusing:///wh/._tiva_run.lock.takeover-dead-3");
    IOException s3a412 = new RemoteFileChangedException(p.toString(), "Writing Object",
        "At least one of the pre-conditions you specified did not hold (Service: S3, Status Code: 412)");
    assertFalse(ExclusiveCreate.create(new RefusingStore(s3a412), p, BYTES));
    IOException wrapped = new IOException("upload failed", new IOException("PreconditionFailed"));
    assertFalse(ExclusiveCreate.create(new RefusingStore(wrapped), p, BYTES));
  }

  @Test
  void anyOtherFailureWithNothingThereIsThrown() {
    Path p = new Path("refusing:///wh/_tiva_run.lock");
    IOException down = new IOException("connection refused");
    assertEquals(down, assertThrows(IOException.class, () -> ExclusiveCreate.create(new RefusingStore(down), p, BYTES)));
    assertFalse(ExclusiveCreate.preconditionFailed(down));
    assertTrue(ExclusiveCreate.preconditionFailed(new IOException("x", new RemoteFileChangedException("p", "op", "m"))));
  }
}
