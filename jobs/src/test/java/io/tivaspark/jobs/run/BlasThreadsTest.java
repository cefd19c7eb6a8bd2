package io.tivaspark.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The cores a JVM's OpenBLAS threads follow (no Spark session needed). */
class BlasThreadsTest {
  private static SparkConf conf(String master, String executorCores) {
    SparkConf c = new SparkConf(false).set("spark.master", master);
    return executorCores == null ? c : c.set("spark.executor.cores", executorCores);
  }

  @Test
  void coresOfTheJvm() {
    assertEquals(2, BlasThreads.cores(conf("local[2]", null), 8));
    assertEquals(8, BlasThreads.cores(conf("local[*]", null), 8));
    assertEquals(2, BlasThreads.cores(conf("local[16]", null), 2), "never more than the processors");
    assertEquals(1, BlasThreads.cores(conf("local", null), 8));
    assertEquals(4, BlasThreads.cores(conf("yarn", "4"), 64), "an executor of 4 cores on a 64-core node");
    assertEquals(64, BlasThreads.cores(conf("spark://m:7077", null), 64));
    assertEquals(3, BlasThreads.cores(null, 3), "no Spark: the processors");
  }
}
