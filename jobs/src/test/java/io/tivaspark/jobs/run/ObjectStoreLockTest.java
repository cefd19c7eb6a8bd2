package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.jobs.TestS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The warehouse lock on {@code s3a://} against a real S3 server (tools/it/object-store.sh starts
 * one and passes {@code -Dtiva.it.s3.endpoint}): the conditional create lets exactly one of many
 * racing takers have the lock, a second create of an existing object fails, and a stale lock (its
 * holder's process gone) is taken over by exactly one of several racing runs, with no rename.
 */
@EnabledIfSystemProperty(named = "tiva.it.s3.endpoint", matches = "https?://.+")
class ObjectStoreLockTest {
  static final int THREADS = 6;
  static final int ROUNDS = 10;
  static FileSystem fs;
  static ExecutorService pool;

  /** The S3A settings of the test server ({@link TestS3}). */
  static Configuration s3Conf() {
    Configuration c = new Configuration();
    TestS3.settings().forEach(c::set);
    return c;
  }

  static String bucket() {
    return TestS3.bucket();
  }

  @BeforeAll
  static void connect() throws Exception {
    fs = FileSystem.newInstance(URI.create("s3a://" + bucket() + "/"), s3Conf());
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void close() throws Exception {
    pool.shutdownNow();
    fs.close();
  }

  @Test
  void secondCreateOfAnExistingObjectFails() throws Exception {
    Path p = new Path("s3a://" + bucket() + "/lock-test/create-" + System.nanoTime());
    assertTrue(ExclusiveCreate.create(fs, p, "a".getBytes(StandardCharsets.UTF_8)));
    assertFalse(ExclusiveCreate.create(fs, p, "b".getBytes(StandardCharsets.UTF_8)));
    try (var in = fs.open(p)) {
      assertEquals("a", new String(in.readAllBytes(), StandardCharsets.UTF_8), "the first content stays");
    }
    assertFalse(ExclusiveCreate.hasAtomicRename(fs));
  }

  /** THREADS takers start together on a fresh warehouse; returns how many got the lock. */
  private static int race(Path warehouse) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<WarehouseLock>> got = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      String runId = "r" + i;
      Callable<WarehouseLock> c = () -> {
        go.await();
        try {
          return WarehouseLock.acquire(fs, warehouse, runId, Duration.ZERO, Duration.ofHours(12));
        } catch (WarehouseLock.BusyException e) {
          return null;
        }
      };
      got.add(pool.submit(c));
    }
    go.countDown();
    List<WarehouseLock> held = new ArrayList<>();
    for (Future<WarehouseLock> f : got) {
      WarehouseLock l = f.get(); // every taker has finished before the holder releases
      if (l != null) {
        held.add(l);
      }
    }
    for (WarehouseLock l : held) {
      l.close();
    }
    return held.size();
  }

  @Test
  void exactlyOneOfManyRacingRunsGetsTheLock() throws Exception {
    for (int r = 0; r < ROUNDS; r++) {
      Path wh = new Path("s3a://" + bucket() + "/lock-test/race-" + System.nanoTime());
      assertEquals(1, race(wh), "round " + r);
      assertFalse(fs.exists(new Path(wh, WarehouseLock.FILE)), "released");
    }
    System.out.printf("s3a lock: %d rounds of %d racing takers, exactly one holder each%n", ROUNDS, THREADS);
  }

  @Test
  void aStaleLockIsTakenOverByExactlyOneRun() throws Exception {
    for (int r = 0; r < ROUNDS; r++) {
      Path wh = new Path("s3a://" + bucket() + "/lock-test/stale-" + System.nanoTime());
      String host = java.net.InetAddress.getLocalHost().getHostName();
      String stale = "run_id=dead-" + r + "\nhost=" + host + "\npid=" + deadPid() + "\nstarted="
          + java.time.Instant.now() + "\n";
      assertTrue(ExclusiveCreate.create(fs, new Path(wh, WarehouseLock.FILE), stale.getBytes(StandardCharsets.UTF_8)));
      assertEquals(1, race(wh), "round " + r);
      assertEquals(0, fs.exists(wh) ? fs.listStatus(wh).length : 0, "no lock and no take-over marker left");
    }
    System.out.printf("s3a lock: %d stale locks, each taken over by exactly one of %d racing runs%n", ROUNDS, THREADS);
  }

  /** A process id that is not running (a short-lived child that has exited). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
