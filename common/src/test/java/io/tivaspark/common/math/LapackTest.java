package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The LAPACK wrapper: F2J (pure Java) against the default backend (native when installed). */
class LapackTest {

  static double[] randomA(int n, long seed) {
    Random r = new Random(seed);
    double[] a = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        a[i + j * n] = r.nextDouble() * 1.6 / n; // column sums ~0.8
      }
    }
    return a;
  }

  @Test
  void javaAndDefaultGiveTheSameLeontiefInverse() {
    int n = 400; // above the n ≈ 300 where OpenBLAS switches to its threaded/recursive paths
    double[] a = randomA(n, 7);
    Lapack def = Lapack.get();
    Lapack java = Lapack.javaOnly();
    System.out.println("default backend: " + def.backend() + " native=" + def.isNative()
        + "; java backend: " + java.backend());
    assertTrue(java.backend().startsWith("F2jLAPACK"), java.backend());
    double[] b1 = IoMath.leontief(a, n, def);
    double[] b2 = IoMath.leontief(a, n, java);
    double max = 0;
    for (int k = 0; k < n * n; k++) {
      max = Math.max(max, Math.abs(b1[k] - b2[k]));
    }
    assertTrue(max <= 1e-10, "max |B_default − B_f2j| = " + max);
  }

  /**
   * CI runs the math tests twice (bin/test): once as they come (native when installed) and once with
   * netlib's native loading disabled and {@code -Dtiva.test.expectBackend=java}; this asserts that
   * the second run really is on the pure-Java path (and the first on native when asked for).
   */
  @Test
  void backendIsTheOneTheRunAskedFor() {
    String expect = System.getProperty("tiva.test.expectBackend", "");
    Lapack def = Lapack.get();
    System.out.println("Lapack.get(): " + def.backend() + " native=" + def.isNative()
        + (expect.isEmpty() ? "" : " (expected: " + expect + ")"));
    if (expect.equals("java")) {
      assertTrue(!def.isNative() && def.backend().startsWith("F2jLAPACK/") && !def.backend().contains("JNI"),
          def.backend());
    } else if (expect.equals("native")) {
      assertTrue(def.isNative() && def.backend().startsWith("JNILAPACK/JNIBLAS"), def.backend());
    }
  }

  @Test
  void luSolvesBothWaysAndInverts() {
    int n = 50;
    double[] m = IoMath.identityMinus(randomA(n, 3), n);
    for (Lapack l : new Lapack[] {Lapack.get(), Lapack.javaOnly()}) {
      Lapack.Lu lu = l.lu(m, n, false);
      double[] rhs = new double[n * 2];
      for (int k = 0; k < rhs.length; k++) {
        rhs[k] = k % 7 - 3;
      }
      double[] xs = lu.solve(rhs, 2, false);
      double[] back = l.multiply(m, n, n, xs, 2);
      double[] xt = lu.solve(rhs, 2, true);
      double[] backT = new double[n * 2];
      l.dgemm(true, false, n, 2, n, 1.0, m, n, xt, n, 0.0, backT, n);
      for (int k = 0; k < rhs.length; k++) {
        assertEquals(rhs[k], back[k], 1e-12);
        assertEquals(rhs[k], backT[k], 1e-12);
      }
      double[] inv = lu.inverse();
      double[] id = l.multiply(m, n, n, inv, n);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          assertEquals(i == j ? 1.0 : 0.0, id[i + j * n], 1e-12);
        }
      }
      double[] again = lu.solve(rhs, 2, false); // still usable after inverse()
      assertEquals(xs[3], again[3], 0.0);
      lu.inverseInPlace();
      assertThrows(IllegalStateException.class, () -> lu.solve(rhs, 2, false));
    }
  }

  @Test
  void singularMatrixNamesThePivot() {
    double[] m = {1, 2, 2, 4}; // rank 1
    Lapack.SingularMatrixException e = assertThrows(Lapack.SingularMatrixException.class,
        () -> Lapack.get().lu(m, 2, false));
    assertEquals(2, e.pivot());
    assertTrue(e.getMessage().contains("pivot 2"));
  }

  @Test
  void runsOnBigStackThread() {
    String name = Lapack.onLapackThread(() -> Thread.currentThread().getName());
    assertEquals("lapack", name);
  }
}
