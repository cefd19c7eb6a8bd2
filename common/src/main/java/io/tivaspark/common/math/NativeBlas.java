package io.tivaspark.common.math;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Chooses, once per JVM and before the first BLAS/LAPACK call, the library dev.ludovic.netlib
 * loads: <b>system OpenBLAS → bundled OpenBLAS → pure Java</b> (docs/performance.md §"native
 * BLAS"). {@link Lapack#get()} calls {@link #configure()} first, on the driver and on every
 * executor alike.
 *
 * <ol>
 * <li><b>system</b>: netlib's JNI shim dlopens {@code dev.ludovic.netlib.lapack.nativeLib}
 *     (default {@code liblapack.so.3}) and {@code ...blas.nativeLib} ({@code libblas.so.3}); when
 *     both are found in the linker's directories ({@code java.library.path}, which holds
 *     {@code LD_LIBRARY_PATH} and the distribution's library directories, plus
 *     {@code /etc/ld.so.conf.d}), they are used as before;</li>
 * <li><b>bundled</b>: otherwise the OpenBLAS of the JavaCPP preset {@code org.bytedeco:openblas}
 *     (linux-x86_64, linux-arm64) is extracted from the classpath by JavaCPP's {@code Loader}
 *     (to {@code org.bytedeco.javacpp.cachedir}, default {@code ~/.javacpp/cache}) and netlib is
 *     pointed at that file with {@code dev.ludovic.netlib.{blas,lapack}.nativeLibPath};</li>
 * <li><b>pure Java</b>: when neither loads (other platforms, a jar built without the natives),
 *     or when native code is not allowed.</li>
 * </ol>
 *
 * <p>System property {@code tiva.blas} = {@code auto} (default: the order above), {@code system},
 * {@code bundled} or {@code java}; netlib's own {@code dev.ludovic.netlib.*.allowNative=false}
 * means {@code java}, and a {@code dev.ludovic.netlib.lapack.nativeLibPath} set by the user (a
 * library shipped with the job) is used as given. {@code tiva.blas.threads} sets the OpenBLAS
 * thread count of the bundled library (default {@link #threadsFor}(cores, 1)).
 */
public final class NativeBlas {
  /** The system property choosing the order (auto, system, bundled, java). */
  public static final String MODE_KEY = "tiva.blas";
  /** The system property fixing the bundled OpenBLAS's thread count. */
  public static final String THREADS_KEY = "tiva.blas.threads";
  static final String LAPACK_LIB = "dev.ludovic.netlib.lapack.nativeLib";
  static final String BLAS_LIB = "dev.ludovic.netlib.blas.nativeLib";
  static final String LAPACK_PATH = "dev.ludovic.netlib.lapack.nativeLibPath";
  static final String BLAS_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
  static final String LAPACK_ALLOW = "dev.ludovic.netlib.lapack.allowNative";
  static final String BLAS_ALLOW = "dev.ludovic.netlib.blas.allowNative";
  private static final System.Logger LOG = System.getLogger(NativeBlas.class.getName());

  /** Where the library comes from. */
  public enum Source { SYSTEM, BUNDLED, USER, JAVA }

  /**
   * The decision of this JVM.
   *
   * @param source where netlib loads from
   * @param library the library file (or name) handed to netlib; empty for pure Java
   * @param threads the OpenBLAS thread count set (bundled), or 0 when the library's own default holds
   */
  public record Choice(Source source, String library, int threads) {
    /** E.g. "bundled OpenBLAS /root/.javacpp/cache/.../libopenblas_nolapack.so.0, 2 threads". */
    public String describe() {
      String t = threads > 0 ? ", " + threads + " threads" : "";
      return source.name().toLowerCase(Locale.ROOT) + (library.isEmpty() ? "" : " " + library) + t;
    }
  }

  private static Choice choice;

  private NativeBlas() {}

  /** The choice of this JVM, made (and logged) on the first call; later calls return it. */
  public static synchronized Choice configure() {
    if (choice == null) {
      choice = decide(mode());
      LOG.log(System.Logger.Level.INFO, "BLAS/LAPACK for dev.ludovic.netlib: " + choice.describe());
    }
    return choice;
  }

  /** The choice, or null before {@link #configure()}. */
  public static synchronized Choice current() {
    return choice;
  }

  /**
   * OpenBLAS threads for one JVM: max(1, ⌊c / k⌋) with c the cores the JVM owns and k the BLAS
   * calls it runs at once (1 in this code base: {@link Lapack} serialises every call of a JVM on
   * one thread, so k concurrent year tasks of one executor share it).
   */
  public static int threadsFor(int cores, int concurrentCalls) {
    return Math.max(1, cores / Math.max(1, concurrentCalls));
  }

  /**
   * Sets the bundled OpenBLAS's thread count now (it is read per call, unlike the environment
   * variable OPENBLAS_NUM_THREADS, which a loaded library never rereads). No effect on a system
   * library or pure Java: false then.
   */
  public static boolean setThreads(int threads) {
    Choice c = configure();
    if (c.source() != Source.BUNDLED || threads < 1) {
      return false;
    }
    // on the LAPACK thread: never while a BLAS call of this JVM runs (OpenBLAS requires that);
    // without holding this class's lock, which Lapack.get() takes on that thread
    Lapack.onLapackThread(() -> {
      BundledOpenBlas.setThreads(threads);
      return null;
    });
    synchronized (NativeBlas.class) {
      choice = new Choice(c.source(), c.library(), threads);
    }
    return true;
  }

  static String mode() {
    String m = System.getProperty(MODE_KEY, "auto").trim().toLowerCase(Locale.ROOT);
    if (!Set.of("auto", "system", "bundled", "java").contains(m)) {
      throw new IllegalArgumentException(MODE_KEY + " must be auto, system, bundled or java, not '" + m + "'");
    }
    return m;
  }

  private static Choice decide(String mode) {
    if ("java".equals(mode) || "false".equalsIgnoreCase(System.getProperty(LAPACK_ALLOW, "true"))
        || "false".equalsIgnoreCase(System.getProperty(BLAS_ALLOW, "true"))) {
      System.setProperty(LAPACK_ALLOW, "false");
      System.setProperty(BLAS_ALLOW, "false");
      return new Choice(Source.JAVA, "", 0);
    }
    String userPath = System.getProperty(LAPACK_PATH);
    if (userPath != null && !userPath.isBlank()) {
      System.setProperty(BLAS_PATH, System.getProperty(BLAS_PATH, userPath));
      return new Choice(Source.USER, userPath, 0);
    }
    if (!"bundled".equals(mode)) {
      String lapack = findSystemLibrary(System.getProperty(LAPACK_LIB, "liblapack.so.3"));
      String blas = findSystemLibrary(System.getProperty(BLAS_LIB, "libblas.so.3"));
      if ((lapack != null && blas != null) || "system".equals(mode)) {
        return new Choice(Source.SYSTEM, lapack == null ? "" : lapack, 0);
      }
    }
    return bundled();
  }

  private static Choice bundled() {
    try {
      String path = BundledOpenBlas.load();
      System.setProperty(LAPACK_PATH, path);
      System.setProperty(BLAS_PATH, path);
      int threads = Integer.getInteger(THREADS_KEY, threadsFor(Runtime.getRuntime().availableProcessors(), 1));
      if (threads < 1) {
        throw new IllegalArgumentException(THREADS_KEY + " must be at least 1, not " + threads);
      }
      BundledOpenBlas.setThreads(threads);
      return new Choice(Source.BUNDLED, path, threads);
    } catch (LinkageError | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      LOG.log(System.Logger.Level.WARNING, "no bundled OpenBLAS for " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch") + " (" + e + "): pure-Java BLAS/LAPACK, 20-35x slower");
      System.setProperty(LAPACK_ALLOW, "false");
      System.setProperty(BLAS_ALLOW, "false");
      return new Choice(Source.JAVA, "", 0);
    }
  }

  /**
   * The file the dynamic linker would open for {@code name} (a file name such as liblapack.so.3,
   * or a path), or null: an absolute path is taken as is; a name is looked up in
   * {@code java.library.path} and the directories of /etc/ld.so.conf.d.
   */
  static String findSystemLibrary(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    if (name.contains("/")) {
      return new File(name).isFile() ? name : null;
    }
    for (String dir : linkerDirectories()) {
      File f = new File(dir, name);
      if (f.isFile()) {
        return f.getPath();
      }
    }
    return null;
  }

  private static List<String> linkerDirectories() {
    Set<String> dirs = new LinkedHashSet<>();
    for (String d : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
      if (!d.isBlank()) {
        dirs.add(d);
      }
    }
    Path conf = Paths.get("/etc/ld.so.conf.d");
    if (Files.isDirectory(conf)) {
      try (Stream<Path> files = Files.list(conf)) {
        files.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(p -> dirs.addAll(confLines(p)));
      } catch (IOException | RuntimeException e) {
        // unreadable: the java.library.path directories still count
      }
    }
    return new ArrayList<>(dirs);
  }

  private static List<String> confLines(Path p) {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(p)) {
        String l = line.trim();
        if (l.startsWith("/")) {
          out.add(l);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable file: skipped
    }
    return out;
  }
}
