package io.tivaspark.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Ingest's tasks on the command's own threads ({@link IngestTasks#local}): results in the units'
 * order, as many units at once as threads, the first failure in unit order thrown as the task threw
 * it (an IOException stays one: exit code 1 for I/O, an InvalidInputException exit 3), after every
 * unit has finished.
 */
class IngestTasksTest {
  private final Configuration conf = new Configuration(false);

  @Test
  void resultsInUnitOrderWithUnitsSideBySide() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> units = List.of(5, 4, 3, 2, 1, 0);
    List<String> out = IngestTasks.local(conf, 2).map("t", units, List.of(), u -> {
      threads.add(Thread.currentThread().getName());
      if (u >= 4) {
        both.countDown();
        assertTrue(await(both), "the first two units run at the same time");
      }
      sleep(u * 3L);
      return "u" + u;
    });
    assertEquals(List.of("u5", "u4", "u3", "u2", "u1", "u0"), out);
    assertEquals(2, threads.size());
    assertSame(conf, IngestTasks.local(conf, 2).hadoopConf());
  }

  @Test
  void theFirstFailureInUnitOrderAfterEveryUnit() {
    AtomicInteger finished = new AtomicInteger();
    List<Integer> units = new ArrayList<>(List.of(0, 1, 2, 3));
    IOException e = assertThrows(IOException.class, () -> IngestTasks.local(conf, 2).map("t", units, List.of(), u -> {
      if (u == 1) {
        sleep(50);
        throw new IOException("unit 1");
      }
      if (u == 2) {
        throw new IOException("unit 2");
      }
      finished.incrementAndGet();
      return u;
    }));
    assertEquals("unit 1", e.getMessage());
    assertEquals(2, finished.get(), "units 0 and 3 ran to the end");
    IllegalStateException r = assertThrows(IllegalStateException.class,
        () -> IngestTasks.local(conf, 1).map("t", List.of(7), List.of(), u -> {
          throw new IllegalStateException("runtime " + u);
        }));
    assertEquals("runtime 7", r.getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
