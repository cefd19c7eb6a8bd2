package io.tivaspark.jobs.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes the rows of several files ({@link BatchWriter}: {@link ColumnarWriter}) on one background
 * thread, so that the thread that computes rows only turns each string into its dictionary id and
 * stores ints into batches ({@link RowBatch}, {@value #BATCH_ROWS} rows) while the pages are encoded
 * and compressed on another core (docs/performance.md, issue 17 fourth pass). Each file gets
 * {@value #BATCHES_PER_FILE} batches; when all of them wait to be encoded the producer waits, so
 * memory stays bounded (~2.4 MB a file of 7 columns; with 3 batches, bursts of rows waited 2.1–2.9 s
 * a year at n = 3645, with 16 0.5–0.9 s). One thread for all the files keeps each file's rows in
 * order and its writer on one thread at a time. A failure on the thread (a full disk, a writer
 * error) is kept, nothing more is written, and it is thrown to the producer at its next hand-off or
 * at {@link #drain()}. With {@code background = false} the batches are encoded on the calling
 * thread (same files, no thread).
 */
public final class EncoderThread implements AutoCloseable {
  static final int BATCH_ROWS = 4096;
  static final int BATCHES_PER_FILE = 16;

  private final ExecutorService thread;
  private final List<Rows> files = new ArrayList<>();
  private final AtomicLong encodingNanos = new AtomicLong();
  private long waitedNanos;
  private volatile Throwable failure;
  private volatile String failedFile;
  private volatile boolean stopped;

  /** {@code name}: the thread's name (e.g. the year); {@code background}: false = encode on the caller's thread. */
  public EncoderThread(String name, boolean background) {
    this.thread = background ? Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** The producer's handle on one file's rows (used by one producer thread). */
  public Rows rows(BatchWriter writer, int stringColumns, String label) {
    if (stringColumns < 2 || stringColumns > 7) {
      throw new IllegalArgumentException(label + ": " + stringColumns + " string columns (2 to 7 are written by rows)");
    }
    Rows r = new Rows(writer, stringColumns, label);
    files.add(r);
    return r;
  }

  /** Hands on every partly filled batch and waits until everything handed on is encoded; throws a failure. */
  public void drain() throws IOException {
    for (Rows r : files) {
      r.handOn();
    }
    if (thread != null) {
      try {
        thread.submit(() -> { }).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the staged files were encoded", e);
      } catch (ExecutionException e) {
        throw new IOException(e.getCause());
      }
    }
    rethrow();
  }

  /** Stops encoding (rows not yet encoded are dropped) and waits for the thread to end; idempotent. */
  @Override
  public void close() {
    stopped = true;
    if (thread != null) {
      thread.shutdownNow();
      try {
        if (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the staging encoder thread did not stop within a minute");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Seconds the encoding took (on the background thread, or the caller's). */
  public double encodingSeconds() {
    return encodingNanos.get() / 1e9;
  }

  /** Seconds the producer waited for a free batch (the encoder was behind). */
  public double waitedSeconds() {
    return waitedNanos / 1e9;
  }

  private void rethrow() throws IOException {
    Throwable f = failure;
    if (f == null) {
      return;
    }
    String what = "encoding " + failedFile + ": " + f.getMessage();
    if (f instanceof IOException) {
      throw new IOException(what, f);
    }
    throw new IllegalStateException(what, f);
  }

  /** One file's batches: the one being filled, and the free ones; its columns' ids. */
  public final class Rows {
    private final BatchWriter writer;
    private final String label;
    private final KeyIds[] keyIds;
    private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(BATCHES_PER_FILE);
    private RowBatch filling;
    /** {@link #writeBlock}'s ids of its columns: one id, or (where not null) one per row */
    private final int[] blockId;
    private final int[][] blockIds;

    private Rows(BatchWriter writer, int stringColumns, String label) {
      this.writer = writer;
      this.label = label;
      this.keyIds = new KeyIds[stringColumns];
      this.blockId = new int[stringColumns];
      this.blockIds = new int[stringColumns][];
      for (int c = 0; c < stringColumns; c++) {
        keyIds[c] = new KeyIds();
      }
      for (int i = 0; i < BATCHES_PER_FILE; i++) {
        free.add(new RowBatch(stringColumns, BATCH_ROWS));
      }
      this.filling = free.poll();
    }

    /** The file's string columns. */
    public int columns() {
      return keyIds.length;
    }

    /**
     * One row: the file's string columns in order ({@code a}, {@code b}, then as many of {@code c} to
     * {@code g} as the file has; the rest ignored) and the value. The strings are stored as ids: no
     * reference is kept per row.
     */
    public void write(double value, String a, String b, String c, String d, String e, String f, String g)
        throws IOException {
      RowBatch t = filling;
      int r = t.size;
      int[][] ids = t.ids;
      int n = ids.length;
      ids[0][r] = keyIds[0].id(a, t, 0);
      ids[1][r] = keyIds[1].id(b, t, 1);
      if (n > 2) {
        ids[2][r] = keyIds[2].id(c, t, 2);
      }
      if (n > 3) {
        ids[3][r] = keyIds[3].id(d, t, 3);
      }
      if (n > 4) {
        ids[4][r] = keyIds[4].id(e, t, 4);
      }
      if (n > 5) {
        ids[5][r] = keyIds[5].id(f, t, 5);
      }
      if (n > 6) {
        ids[6][r] = keyIds[6].id(g, t, 6);
      }
      t.values[r] = value;
      t.size = r + 1;
      if (t.full()) {
        handOn();
      }
    }

    /**
     * {@code count} rows at once, the same rows as {@link #write} called for each: string column c is
     * {@code keys[c]} on every row or, where {@code varying[c]} is not null, {@code varying[c].get(r)} on
     * row r (a list of exactly {@code count} strings, resolved once per list object: {@link KeyIds#ids});
     * row r's value is {@code values[from + r]}. The ids are copied into the batches as runs.
     */
    public void writeBlock(String[] keys, List<String>[] varying, double[] values, int from, int count)
        throws IOException {
      if (count == 0) {
        return;
      }
      RowBatch t = filling;
      for (int c = 0; c < keyIds.length; c++) { // new strings go to the batch the block starts in
        List<String> v = varying[c];
        if (v == null) {
          blockIds[c] = null;
          blockId[c] = keyIds[c].id(keys[c], t, c);
        } else if (v.size() != count) {
          throw new IllegalArgumentException(label + ": a block of " + count + " rows with " + v.size()
              + " strings in column " + c);
        } else {
          blockIds[c] = keyIds[c].ids(v, t, c);
        }
      }
      for (int done = 0; done < count; ) {
        t = filling;
        int r = t.size;
        int len = Math.min(count - done, t.values.length - r);
        for (int c = 0; c < keyIds.length; c++) {
          if (blockIds[c] == null) {
            Arrays.fill(t.ids[c], r, r + len, blockId[c]);
          } else {
            System.arraycopy(blockIds[c], done, t.ids[c], r, len);
          }
        }
        System.arraycopy(values, from + done, t.values, r, len);
        t.size = r + len;
        done += len;
        if (t.full()) {
          handOn();
        }
      }
    }

    /** Hands the batch being filled to the encoder and takes a free one (waiting if none is free). */
    private void handOn() throws IOException {
      rethrow();
      RowBatch b = filling;
      if (b.size() == 0) {
        return;
      }
      if (thread == null) {
        encode(b);
        return;
      }
      thread.execute(() -> encode(b));
      long t = System.nanoTime();
      try {
        filling = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while staging " + label, e);
      }
      waitedNanos += System.nanoTime() - t;
    }

    /** Writes the batch into the file (unless a file failed or the encoder stopped) and frees it. */
    private void encode(RowBatch b) {
      try {
        if (failure == null && !stopped) {
          long t = System.nanoTime();
          writer.write(b);
          encodingNanos.addAndGet(System.nanoTime() - t);
        }
      } catch (Throwable e) {
        if (failure == null) {
          failedFile = label;
          failure = e;
        }
      } finally {
        b.clear();
        if (thread != null) {
          free.add(b);
        }
      }
    }
  }
}
