import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * An in-process HDFS (one NameNode, one DataNode) and YARN (one ResourceManager, N NodeManagers)
 * from Hadoop's minicluster, for tools/it/yarn-hdfs.sh (docs/cluster.md, "YARN"). Test tooling
 * only: run with the source launcher on hadoop-client-minicluster plus Spark's Hadoop client jars,
 *
 *   java -cp "minicluster.jar:spark-home/jars/*" tools/it/YarnHdfsMiniCluster.java CONF_DIR NMS MB VCORES
 *
 * from the directory that should hold the clusters' data (MiniYARNCluster writes under
 * ./target/NAME: NodeManager local dirs and container logs). It writes core-site.xml,
 * hdfs-site.xml and yarn-site.xml to CONF_DIR (a HADOOP_CONF_DIR for spark-submit), prints
 * "hdfs URI", "yarn RM_ADDRESS" and finally "ready", then runs until killed (SIGTERM stops both
 * clusters through the shutdown hook).
 */
public final class YarnHdfsMiniCluster {
  private YarnHdfsMiniCluster() {}

  public static void main(String[] args) {
    try {
      start(args);
    } catch (Throwable e) { // HDFS's non-daemon threads would keep a failed JVM alive
      e.printStackTrace();
      System.exit(1);
    }
  }

  static void start(String[] args) throws Exception {
    File confDir = new File(args[0]);
    int nodeManagers = Integer.parseInt(args[1]);
    int nmMemoryMb = Integer.parseInt(args[2]);
    int nmVcores = Integer.parseInt(args[3]);
    File base = new File("target").getAbsoluteFile();

    Configuration conf = new YarnConfiguration();
    conf.set("hadoop.tmp.dir", new File(base, "hadoop-tmp").getPath());
    conf.setInt("dfs.replication", 1);
    conf.setBoolean("dfs.permissions.enabled", false);
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf, new File(base, "dfs")).numDataNodes(1).build();
    dfs.waitActive();
    String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    conf.set("fs.defaultFS", hdfs);

    yarnSettings(conf, nmMemoryMb, nmVcores);
    MiniYARNCluster yarn = new MiniYARNCluster("tiva-yarn", nodeManagers, 1, 1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(yarn, dfs)));
    yarn.init(conf);
    yarn.start();
    Configuration live = waitForResourceManager(yarn);

    Files.createDirectories(confDir.toPath());
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", hdfs);
    write(core, new File(confDir, "core-site.xml"));
    Configuration hdfsSite = new Configuration(false);
    hdfsSite.set("dfs.replication", "1");
    write(hdfsSite, new File(confDir, "hdfs-site.xml"));
    write(clientYarnSite(live), new File(confDir, "yarn-site.xml"));
    System.out.println("hdfs " + hdfs);
    System.out.println("yarn " + live.get(YarnConfiguration.RM_ADDRESS));
    System.out.println("ready");
    System.out.flush();
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** Small NodeManagers on a shared build machine; no resource or disk checks that would kill or refuse containers. */
  static void yarnSettings(Configuration conf, int nmMemoryMb, int nmVcores) {
    conf.setInt(YarnConfiguration.NM_PMEM_MB, nmMemoryMb);
    conf.setInt(YarnConfiguration.NM_VCORES, nmVcores);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean("yarn.nodemanager.disk-health-checker.enable", false);
    conf.setFloat("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 100.0f);
    // FIFO: no per-queue ApplicationMaster share (the capacity scheduler's 10 % would not fit a cluster-mode AM)
    conf.set(YarnConfiguration.RM_SCHEDULER,
        "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    // keep container directories and logs after the application ends (the test reads them)
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 3600);
    conf.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, false);
    conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 1);
  }

  /**
   * What a YARN client needs: the ResourceManager's addresses. Not the whole live configuration: it
   * names test-only classes (e.g. MiniDFSCluster's StaticMapping) that Spark's jars do not have.
   */
  static Configuration clientYarnSite(Configuration live) {
    Configuration site = new Configuration(false);
    for (java.util.Map.Entry<String, String> e : live) {
      String k = e.getKey();
      if (k.startsWith("yarn.resourcemanager.") && (k.endsWith(".address") || k.endsWith(".hostname"))) {
        site.set(k, live.get(k));
      }
    }
    return site;
  }

  static Configuration waitForResourceManager(MiniYARNCluster yarn) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("YARN ResourceManager address not bound within 60 s");
      }
      Thread.sleep(100);
    }
    return yarn.getConfig();
  }

  static void write(Configuration conf, File file) throws IOException {
    File tmp = new File(file.getPath() + ".tmp");
    try (OutputStream out = new FileOutputStream(tmp)) {
      conf.writeXml(out);
    }
    Files.move(tmp.toPath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static void stop(MiniYARNCluster yarn, MiniDFSCluster dfs) {
    try {
      yarn.stop();
    } finally {
      dfs.shutdown();
    }
    System.out.println("stopped");
  }
}
