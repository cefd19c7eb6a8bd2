package io.tivaspark.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/** The child processes a piece of work starts in this JVM, from JFR's {@code jdk.ProcessStart} events. */
public final class ProcessStarts {
  private ProcessStarts() {}

  /** Work that may throw. */
  public interface Work {
    void run() throws Exception;
  }

  /** The command lines of the processes started while {@code work} ran (by any thread of this JVM). */
  public static List<String> during(Work work) throws Exception {
    Path out = Files.createTempFile("process-starts", ".jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.ProcessStart");
      r.start();
      work.run();
      r.stop();
      r.dump(out);
      return RecordingFile.readAllEvents(out).stream().map(e -> e.getString("command")).toList();
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
