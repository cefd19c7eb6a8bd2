package io.tivaspark.common.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compressed table (a zip member, a {@code .csv.gz}) decompressed once: the ICIO reader reads its
 * source twice (pass 1 the labels, pass 2 the values; a split parent with cells of its own a third
 * time), and inflating 290 MB costs about a second each time, on one thread. The first stream's
 * bytes are also written to {@code file} (a local scratch file the caller deletes afterwards) as
 * they are read; once that stream has reached its end, every later {@link #open()} reads the file.
 * A first read that stops early (bad input) or a copy that cannot be written (a full disk) leaves
 * the file unused: later reads decompress again. Errors still name the source.
 */
public final class SpooledSource implements IcioCsv.Source {
  private final IcioCsv.Source source;
  private final Path file;
  private volatile boolean complete;

  /** {@code source} spooled to {@code file} on its first read. */
  public SpooledSource(IcioCsv.Source source, Path file) {
    this.source = source;
    this.file = file;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public InputStream open() throws IOException {
    if (complete) {
      return Files.newInputStream(file);
    }
    InputStream in = source.open();
    return new Tee(in, Files.newOutputStream(file));
  }

  /** The source's bytes, copied to the file as they are read; complete at the end of the stream. */
  private final class Tee extends FilterInputStream {
    private final OutputStream copy;
    private boolean copyOpen = true;

    Tee(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int k = read(one, 0, 1);
      return k < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int k = super.read(b, off, len);
      if (copyOpen) {
        try {
          if (k > 0) {
            copy.write(b, off, k);
          } else if (k < 0) {
            closeCopy();
            complete = true;
          }
        } catch (IOException e) {
          dropCopy(); // no room for the copy (a full disk): every read decompresses again, as without one
        }
      }
      return k;
    }

    private void dropCopy() {
      copyOpen = false;
      try {
        copy.close();
      } catch (IOException ignored) {
        // the copy is not used
      }
    }

    /** Skipped bytes are read (and copied), so the file stays the whole stream. */
    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long done = 0;
      for (int k; done < n && (k = read(buf, 0, (int) Math.min(buf.length, n - done))) > 0; ) {
        done += k;
      }
      return done;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        closeCopy();
      }
    }

    private void closeCopy() throws IOException {
      if (copyOpen) {
        copyOpen = false;
        copy.close();
      }
    }
  }
}
