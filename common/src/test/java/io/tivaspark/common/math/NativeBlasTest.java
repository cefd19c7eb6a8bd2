package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The library order system → bundled → pure Java ({@link NativeBlas}), each case in a fresh JVM
 * ({@link NativeBlasProbe}), since netlib decides once per JVM. The system library is hidden by
 * pointing netlib's library names at files that do not exist (nothing is uninstalled).
 */
class NativeBlasTest {
  private static final String HIDDEN = "libtiva-hidden-for-test.so.3";

  @Test
  void hiddenSystemLibraryLoadsTheBundledOpenBlas() throws Exception {
    Assumptions.assumeTrue(linuxWithBundle(), "SKIPPED: the bundled OpenBLAS exists for linux x86_64/aarch64 only");
    Map<String, String> p = probe("-Ddev.ludovic.netlib.lapack.nativeLib=" + HIDDEN,
        "-Ddev.ludovic.netlib.blas.nativeLib=" + HIDDEN, "-Dtiva.blas.threads=2");
    assertEquals("BUNDLED", p.get("SOURCE"), p.toString());
    assertTrue(p.get("BACKEND").startsWith("JNILAPACK/JNIBLAS (bundled)"), p.toString());
    assertEquals("true", p.get("SETTHREADS"), "the thread count changes after load (2, then 1)");
    assertEquals("1", p.get("THREADS"));
    // one OpenBLAS in the process: netlib's dlopen reused the library JavaCPP loaded
    assertEquals(p.get("LIBRARY"), p.get("MAPPED"), p.toString());
    assertTrue(Double.parseDouble(p.get("RESIDUAL")) < 1e-9, p.toString());
  }

  @Test
  void nativeDisallowedIsPureJava() throws Exception {
    Map<String, String> p = probe("-Dtiva.blas=java");
    assertEquals("JAVA", p.get("SOURCE"), p.toString());
    assertTrue(p.get("BACKEND").startsWith("F2jLAPACK/"), p.toString());
    assertEquals("", p.get("MAPPED"), p.toString());
    assertEquals("false", p.get("SETTHREADS"), p.toString());
    Map<String, String> q = probe("-Ddev.ludovic.netlib.lapack.allowNative=false");
    assertEquals("JAVA", q.get("SOURCE"), q.toString());
  }

  @Test
  void systemLibraryFirstWhenInstalled() throws Exception {
    Assumptions.assumeTrue(NativeBlas.findSystemLibrary("liblapack.so.3") != null
        && NativeBlas.findSystemLibrary("libblas.so.3") != null, "SKIPPED: no system liblapack.so.3/libblas.so.3");
    Map<String, String> p = probe();
    assertEquals("SYSTEM", p.get("SOURCE"), p.toString());
    assertTrue(p.get("BACKEND").startsWith("JNILAPACK/JNIBLAS (system)"), p.toString());
  }

  @Test
  void threadsSplitTheCoresBetweenConcurrentCalls() {
    assertEquals(2, NativeBlas.threadsFor(2, 1));
    assertEquals(1, NativeBlas.threadsFor(2, 2));
    assertEquals(1, NativeBlas.threadsFor(2, 3));
    assertEquals(4, NativeBlas.threadsFor(16, 4));
    assertEquals(1, NativeBlas.threadsFor(0, 0));
  }

  @Test
  void badModeNamesTheKey() {
    String old = System.getProperty(NativeBlas.MODE_KEY);
    System.setProperty(NativeBlas.MODE_KEY, "fast");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, NativeBlas::mode);
      assertTrue(e.getMessage().startsWith("tiva.blas "), e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(NativeBlas.MODE_KEY);
      } else {
        System.setProperty(NativeBlas.MODE_KEY, old);
      }
    }
  }

  private static boolean linuxWithBundle() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").startsWith("Linux") && ("amd64".equals(arch) || "aarch64".equals(arch));
  }

  /** Runs {@link NativeBlasProbe} in a new JVM with the test classpath and {@code props}. */
  private static Map<String, String> probe(String... props) throws IOException, InterruptedException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
        + File.separator + "java", "-Xss16m", "-cp", cp));
    cmd.addAll(List.of(props));
    cmd.add(NativeBlasProbe.class.getName());
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "probe timed out");
    assertEquals(0, proc.exitValue(), out);
    System.out.println("probe " + List.of(props) + ":\n" + out);
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Z]+")) {
        m.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return m;
  }
}
