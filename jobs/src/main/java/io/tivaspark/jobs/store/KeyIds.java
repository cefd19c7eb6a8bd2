package io.tivaspark.jobs.store;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One string column's file-wide dictionary ids, in order of first use, given out on the thread that
 * produces the rows ({@link EncoderThread.Rows}): a string seen for the first time is recorded in the
 * batch being filled ({@link RowBatch#added}), so the writer learns it before the first id that names
 * it. Lookups go by object identity (the families pass the same code objects row after row), in three
 * steps of growing cost, each out of line from the one before so that the hot path stays small enough
 * to inline into {@link EncoderThread.Rows#write} for every column (docs/performance.md, issue 17 sixth
 * pass):
 * <ol>
 *   <li>the previous row's string (a column that does not change from row to row costs one comparison);
 *   <li>its home slot in an open-addressing table of {@value #SLOTS} slots keyed by
 *       {@link System#identityHashCode}, then linear probing up to {@value #PROBES} slots (a hit
 *       stores nothing);
 *   <li>a {@code HashMap} by value; the string then takes the first free slot of its window, or its
 *       home slot when the window is full.
 * </ol>
 * A list of strings a producer passes again and again (the terms of a method, the sources of a vector)
 * is resolved once per list object ({@link #ids}).
 */
final class KeyIds {
  static final int SLOTS = 1024;
  static final int PROBES = 8;
  private final Map<String, Integer> ids = new HashMap<>();
  private final String[] seen = new String[SLOTS];
  private final int[] seenId = new int[SLOTS];
  /** the previous row's string (at first a string no caller has, so a null is never taken for it) */
  private String last = new String();
  private int lastId;
  /** the ids of each list {@link #ids} resolved, by identity; at most {@value #LISTS} lists are kept */
  private final Map<List<String>, int[]> listIds = new IdentityHashMap<>();
  static final int LISTS = 4096;
  private List<String> lastList;
  private int[] lastListIds;

  /**
   * The id of {@code s} (not null) in column {@code column} of the batch {@code b} being filled; a
   * string seen for the first time is appended to that column's {@link RowBatch#added}.
   */
  int id(String s, RowBatch b, int column) {
    return s == last ? lastId : changed(s, b, column);
  }

  /**
   * The ids of the strings of {@code list}, in order, resolved on the first call for that list object
   * (later calls with the same object cost a lookup by identity; the list must not change). Strings seen
   * for the first time are recorded in {@code b} in list order: the caller writes the list's rows, in
   * that order, into {@code b} first, so the ids are given out as row by row.
   */
  int[] ids(List<String> list, RowBatch b, int column) {
    if (list == lastList) {
      return lastListIds;
    }
    int[] v = listIds.get(list);
    if (v == null) {
      v = new int[list.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = id(list.get(i), b, column);
      }
      if (listIds.size() >= LISTS) {
        listIds.clear(); // a producer that makes a list per call: resolved again, memory bounded
      }
      listIds.put(list, v);
    }
    lastList = list;
    lastListIds = v;
    return v;
  }

  private int changed(String s, RowBatch b, int column) {
    int h = System.identityHashCode(Objects.requireNonNull(s, "a string column's value"));
    int home = h & (SLOTS - 1);
    int id = seen[home] == s ? seenId[home] : probe(s, h, b, column);
    last = s;
    lastId = id;
    return id;
  }

  private int probe(String s, int h, RowBatch b, int column) {
    for (int p = 1; p < PROBES; p++) {
      int slot = (h + p) & (SLOTS - 1);
      String k = seen[slot];
      if (k == null) {
        break;
      }
      if (k == s) {
        return seenId[slot];
      }
    }
    return miss(s, h, b.added.get(column));
  }

  private int miss(String s, int h, List<String> firstSeen) {
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
