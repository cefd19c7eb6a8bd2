package io.tivaspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * When ingest runs its tasks without a Spark session ({@link Commands#ingestTasks}): a local master's
 * thread count, and which paths are on the local file system (an unqualified path follows
 * fs.defaultFS, as Hadoop resolves it).
 */
class IngestTasksChoiceTest {
  @Test
  void localMastersAndTheirThreads() {
    assertEquals(OptionalInt.of(1), SparkSessions.localThreads("local"));
    assertEquals(OptionalInt.of(3), SparkSessions.localThreads("local[3]"));
    assertEquals(OptionalInt.of(2), SparkSessions.localThreads(" local[2,4] "));
    assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), SparkSessions.localThreads("local[*]"));
    assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), SparkSessions.localThreads("local[*,3]"));
    for (String cluster : new String[] {"yarn", "local-cluster[2,1,1024]", "spark://h:7077", "k8s://https://k:443"}) {
      assertTrue(SparkSessions.localThreads(cluster).isEmpty(), cluster);
    }
  }

  @Test
  void localPaths() {
    Configuration conf = new Configuration(false);
    assertTrue(Commands.isLocalFile(conf, "/data/ICIO2023_2020.csv"));
    assertTrue(Commands.isLocalFile(conf, "relative/store"));
    assertTrue(Commands.isLocalFile(conf, "file:///data/store"));
    assertFalse(Commands.isLocalFile(conf, "hdfs://nn:8020/data/store"));
    assertFalse(Commands.isLocalFile(conf, "s3a://bucket/store"));
    conf.set("fs.defaultFS", "hdfs://nn:8020");
    assertFalse(Commands.isLocalFile(conf, "/data/store"), "an unqualified path on an HDFS default file system");
    assertTrue(Commands.isLocalFile(conf, "file:/data/store"));
  }
}
