package io.tivaspark.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Pass 2 of the ICIO reader, in parallel: the stream is read in blocks of whole lines (one
 * thread, {@link ByteLines}) and the blocks are parsed by {@code threads} workers. A line is data
 * row r when it starts at the byte offset pass 1 recorded for r ({@code rowOffsets[r]}); rows
 * marked {@code sequential} (value-added and output rows, whose cells are summed into shared
 * totals) are copied and handed to the sink after the parallel part, in file order, so every sum
 * is taken in the order the sequential reader takes it. A row's cells go to disjoint places, so
 * the result does not depend on the number of threads. Errors: the one of the first row in file
 * order wins, as in a sequential read.
 */
final class IcioRows {
  /** Block size: large enough that hand-over costs nothing, small enough that 2 per worker are cheap. */
  static final int BLOCK = 4 << 20;

  /** The block size in use: {@link #BLOCK}; tests make it tiny so that lines cross blocks ({@link #useBlockSize}). */
  private static volatile int blockSize = BLOCK;

  static int blockSize() {
    return blockSize;
  }

  /** Tests: the block size of later reads (a line longer than a block grows it). */
  static void useBlockSize(int bytes) {
    blockSize = bytes;
  }

  /** What is done with one data row: its bytes {@code b[s, e)} without the line end. */
  interface Sink {
    void row(byte[] b, int s, int e, int dataRow);
  }

  /** A data row's error, with the row it was found at. */
  private record Failure(int dataRow, RuntimeException error) {}

  private final long[] rowOffsets;
  private final boolean[] sequential;
  private final Sink sink;
  private final java.util.function.IntFunction<RuntimeException> changed;
  private final byte[][] deferred;

  /**
   * @param changed the error for "a line where none was expected, or a row missing" at a data
   *     row index (the file changed between the passes)
   */
  IcioRows(long[] rowOffsets, boolean[] sequential, Sink sink, java.util.function.IntFunction<RuntimeException> changed) {
    this.rowOffsets = rowOffsets;
    this.sequential = sequential;
    this.sink = sink;
    this.changed = changed;
    this.deferred = new byte[rowOffsets.length][];
  }

  /** Default worker count: every core the JVM sees (2 on the benchmark machine). */
  static int defaultThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  /** Reads the whole stream and feeds every data row to the sink; throws the first row's error. */
  void run(InputStream in, int threads) throws IOException {
    List<Future<Failure>> parts = new ArrayList<>();
    int[] seen = new int[1];
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tiva-icio-parse");
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(2 * threads);
    try (ByteLines lines = new ByteLines(in, blockSize)) {
      long base = 0;
      for (ByteLines.Block b; (b = lines.next()) != null; base += b.end()) {
        ByteLines.Block blk = b;
        long at = base;
        inFlight.acquireUninterruptibly();
        parts.add(pool.submit(() -> {
          try {
            return block(blk.bytes(), blk.end(), at, seen);
          } finally {
            lines.recycle(blk.bytes()); // block() keeps copies only (deferred rows)
            inFlight.release();
          }
        }));
      }
      Failure first = join(parts);
      first = earliest(first, sequentialRows());
      if (first == null && seen[0] != rowOffsets.length) {
        first = new Failure(seen[0], changed.apply(Math.min(seen[0], rowOffsets.length - 1)));
      }
      if (first != null) {
        throw first.error();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Parses the lines of one block that starts at byte {@code base} of the stream. */
  private Failure block(byte[] b, int end, long base, int[] seen) {
    int r = Arrays.binarySearch(rowOffsets, base);
    r = r >= 0 ? r : -r - 1;
    int count = 0;
    int p = 0;
    while (p < end) {
      int e = ByteLines.lineEnd(b, p, end);
      long at = base + p;
      try {
        if (r < rowOffsets.length && rowOffsets[r] == at) {
          if (sequential[r]) {
            deferred[r] = Arrays.copyOfRange(b, p, e);
          } else {
            sink.row(b, p, e, r);
          }
          r++;
          count++;
        } else if (at > rowOffsets[0] && !blank(b, p, e)) {
          return new Failure(r, changed.apply(Math.min(r, rowOffsets.length - 1)));
        }
      } catch (RuntimeException ex) {
        return new Failure(r, ex);
      }
      p = ByteLines.skipLineEnd(b, e, end);
    }
    synchronized (seen) {
      seen[0] += count;
    }
    return null;
  }

  /** The rows kept for the end, in file order; the first error. */
  private Failure sequentialRows() {
    for (int r = 0; r < deferred.length; r++) {
      if (deferred[r] != null) {
        try {
          sink.row(deferred[r], 0, deferred[r].length, r);
        } catch (RuntimeException ex) {
          return new Failure(r, ex);
        }
        deferred[r] = null;
      }
    }
    return null;
  }

  private static Failure join(List<Future<Failure>> parts) throws IOException {
    Failure first = null;
    for (Future<Failure> f : parts) {
      try {
        first = earliest(first, f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while parsing", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IOException(e.getCause());
      }
    }
    return first;
  }

  private static Failure earliest(Failure a, Failure b) {
    return a == null ? b : b == null ? a : b.dataRow() < a.dataRow() ? b : a;
  }

  private static boolean blank(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
