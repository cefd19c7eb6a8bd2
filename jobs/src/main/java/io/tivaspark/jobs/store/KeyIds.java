package io.tivaspark.jobs.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One string column's file-wide dictionary ids, in order of first use: given out on the thread that
 * produces the rows ({@link EncoderThread.Rows}, a new string recorded in the batch being filled,
 * {@link RowBatch#added}, so the writer learns it before the first id that names it) or by the
 * writer itself for rows written one at a time ({@link ColumnarWriter#write(String[], double)}).
 * Lookups go by object identity first: an open-addressing table of {@value #SLOTS} slots keyed by
 * {@link System#identityHashCode} with linear probing, which keeps every code object once it is
 * seen (the families pass the same code objects row after row; a hit stores nothing). A string not
 * found within {@value #PROBES} slots is looked up by value (a {@code HashMap}) and takes the first
 * free slot of its window, or its home slot when the window is full.
 */
final class KeyIds {
  static final int SLOTS = 1024;
  static final int PROBES = 8;
  private final Map<String, Integer> ids = new HashMap<>();
  private final String[] seen = new String[SLOTS];
  private final int[] seenId = new int[SLOTS];

  /** The id of {@code s} (not null); a string seen for the first time is appended to {@code firstSeen}. */
  int id(String s, List<String> firstSeen) {
    int h = System.identityHashCode(s);
    for (int p = 0; p < PROBES; p++) {
      int slot = (h + p) & (SLOTS - 1);
      String k = seen[slot];
      if (k == null) {
        break;
      }
      if (k == s) {
        return seenId[slot];
      }
    }
    return miss(s, h, firstSeen);
  }

  private int miss(String s, int h, List<String> firstSeen) {
    java.util.Objects.requireNonNull(s, "a string column's value");
    Integer id = ids.get(s);
    if (id == null) {
      id = ids.size();
      ids.put(s, id);
      firstSeen.add(s);
    }
    int slot = h & (SLOTS - 1);
    for (int p = 0; p < PROBES; p++) {
      if (seen[(h + p) & (SLOTS - 1)] == null) {
        slot = (h + p) & (SLOTS - 1);
        break;
      }
    }
    seen[slot] = s;
    seenId[slot] = id;
    return id;
  }
}
