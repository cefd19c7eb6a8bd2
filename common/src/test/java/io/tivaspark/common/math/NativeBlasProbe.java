package io.tivaspark.common.math;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Run in a fresh JVM by {@link NativeBlasTest}: prints the choice of {@link NativeBlas}, the
 * backend of {@link Lapack#get()}, the distinct OpenBLAS/LAPACK files mapped into the process
 * (from /proc/self/maps) and the residual of one LU solve at n = 300, one {@code KEY=value} a line.
 */
public final class NativeBlasProbe {
  private NativeBlasProbe() {}

  public static void main(String[] args) throws IOException {
    Lapack l = Lapack.get();
    int n = 300;
    Random r = new Random(7);
    double[] a = new double[n * n];
    for (int k = 0; k < a.length; k++) {
      a[k] = r.nextDouble() + (k % (n + 1) == 0 ? n : 0);
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i + 1;
    }
    double[] x = l.lu(a, n, false).solve(b, 1, false);
    double[] ax = l.multiply(a, n, n, x, 1);
    double res = 0;
    for (int i = 0; i < n; i++) {
      res = Math.max(res, Math.abs(ax[i] - b[i]) / (i + 1));
    }
    boolean set = NativeBlas.setThreads(1);
    double[] again = l.lu(a, n, false).solve(b, 1, false);
    for (int i = 0; i < n; i++) {
      res = Math.max(res, Math.abs(again[i] - x[i]) / Math.max(1e-300, Math.abs(x[i])));
    }
    System.out.println("SETTHREADS=" + set);
    NativeBlas.Choice c = NativeBlas.current();
    System.out.println("SOURCE=" + c.source());
    System.out.println("LIBRARY=" + c.library());
    System.out.println("THREADS=" + c.threads());
    System.out.println("BACKEND=" + l.backend());
    System.out.println("MAPPED=" + mappedBlas());
    System.out.println("RESIDUAL=" + res);
  }

  /** The distinct files of the process's memory map whose name holds openblas, blas or lapack. */
  static String mappedBlas() throws IOException {
    if (!Files.isReadable(Paths.get("/proc/self/maps"))) {
      return "";
    }
    return Files.readAllLines(Paths.get("/proc/self/maps")).stream()
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .filter(f -> f.startsWith("/") && f.matches(".*/lib(open)?blas[^/]*|.*/liblapack[^/]*"))
        .distinct().sorted().collect(Collectors.joining(","));
  }
}
