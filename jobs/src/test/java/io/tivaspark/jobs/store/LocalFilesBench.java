package io.tivaspark.jobs.store;

import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Hadoop's local file systems against {@link LocalFiles} (tools/bench/local-files.sh): milliseconds
 * per {@code mkdirs} and per {@code FileContext} create + rename (what Delta's log store does for a
 * commit file), {@code hadoop} or {@code ours} as the argument, {@code -Dbench.rounds} (3) rounds
 * of {@code -Dbench.n} (200) operations each; the first round is the JIT's and is printed too.
 */
public final class LocalFilesBench {
  private LocalFilesBench() {}

  public static void main(String[] args) throws Exception {
    boolean ours = args.length > 0 && args[0].equals("ours");
    int n = Integer.getInteger("bench.n", 200);
    int rounds = Integer.getInteger("bench.rounds", 3);
    Configuration c = new Configuration();
    if (ours) {
      LocalFiles.settings().forEach(c::set);
    }
    java.nio.file.Path dir = Files.createTempDirectory("local-files-bench");
    FileSystem fs = FileSystem.get(URI.create("file:///"), c);
    FileContext fc = FileContext.getFileContext(c);
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        fs.mkdirs(new Path(dir.toString(), "d" + round + "_" + i));
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Path src = new Path(dir.toString(), ".f" + round + "_" + i + ".tmp");
        try (FSDataOutputStream o = fc.create(src, EnumSet.of(CreateFlag.CREATE))) {
          o.write(1);
        }
        fc.rename(src, new Path(dir.toString(), "f" + round + "_" + i));
      }
      long t2 = System.nanoTime();
      System.out.printf("%-6s %s round %d: mkdirs %7.3f ms each, FileContext create + rename %7.3f ms each (%s)%n",
          ours ? "ours" : "hadoop", fs.getClass().getSimpleName(), round, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n,
          fc.getDefaultFileSystem().getClass().getSimpleName());
    }
    fs.delete(new Path(dir.toString()), true);
  }
}
