package io.tivaspark.common.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.netlib.util.intW;

/**
 * Thin wrapper over dev.ludovic.netlib LAPACK/BLAS for the few dense kernels the math needs:
 * LU factorisation (dgetrf) kept as an object ({@link Lu}) for solves (dgetrs, 'N' or 'T') and a
 * full inverse (dgetri), and dgemm/dgemv.
 *
 * <p><b>Thread stack.</b> Every call runs on one shared daemon thread created with a 16 MB stack
 * ({@code new Thread(null, task, "lapack", 16L << 20)}): OpenBLAS overflows Java's default 1 MB
 * stack from n ≈ 1000 and kills the JVM (SIGSEGV, no exception). Calls from several threads are
 * serialised on that thread, which is what we want anyway (OpenBLAS uses both cores itself).
 *
 * <p><b>Backend.</b> {@link #get()}: first {@link NativeBlas#configure()} chooses the library
 * (system OpenBLAS, else the bundled one, else pure Java; once per JVM), then
 * {@code LAPACK.getInstance()} / {@code BLAS.getInstance()}: native (JNILAPACK/JNIBLAS) when it
 * loads, else the pure-Java F2jLAPACK (and VectorBLAS/Java11BLAS). {@link #javaOnly()} forces the pure-Java implementations ({@code JavaLAPACK.getInstance()}
 * is F2jLAPACK). Check {@link #isNative()} at start-up: a silent F2J fallback is ~30x slower.
 */
public final class Lapack {
  private static final long STACK_BYTES = 16L << 20;
  private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(task -> {
    Thread t = new Thread(null, task, "lapack", STACK_BYTES);
    t.setDaemon(true);
    return t;
  });
  private static final ThreadLocal<Boolean> ON_LAPACK_THREAD = ThreadLocal.withInitial(() -> false);

  private static volatile Lapack defaultInstance;
  private static volatile Lapack javaInstance;

  private final LAPACK lapack;
  private final BLAS blas;

  private Lapack(LAPACK lapack, BLAS blas) {
    this.lapack = lapack;
    this.blas = blas;
  }

  /** The default backend: native if dev.ludovic.netlib could load it, else pure Java. */
  public static Lapack get() {
    Lapack l = defaultInstance;
    if (l == null) {
      synchronized (Lapack.class) {
        if (defaultInstance == null) {
          // the library netlib loads is chosen first (system, bundled or pure Java: NativeBlas);
          // getInstance() may load native code: do it on the big-stack thread too.
          defaultInstance = onLapackThread(() -> {
            NativeBlas.configure();
            return new Lapack(LAPACK.getInstance(), BLAS.getInstance());
          });
        }
        l = defaultInstance;
      }
    }
    return l;
  }

  /** Pure-Java backend (F2jLAPACK and the JavaBLAS of this JVM), whatever is installed. */
  public static Lapack javaOnly() {
    Lapack l = javaInstance;
    if (l == null) {
      synchronized (Lapack.class) {
        if (javaInstance == null) {
          javaInstance = new Lapack(JavaLAPACK.getInstance(), JavaBLAS.getInstance());
        }
        l = javaInstance;
      }
    }
    return l;
  }

  /** A wrapper over given implementations (tests). */
  public static Lapack of(LAPACK lapack, BLAS blas) {
    return new Lapack(lapack, blas);
  }

  /**
   * Implementation class names, e.g. "JNILAPACK/JNIBLAS" or "F2jLAPACK/VectorBLAS", and for native
   * code where the library came from: "JNILAPACK/JNIBLAS (bundled)" ({@link NativeBlas}).
   */
  public String backend() {
    String names = lapack.getClass().getSimpleName() + "/" + blas.getClass().getSimpleName();
    NativeBlas.Choice c = NativeBlas.current();
    return isNative() && c != null ? names + " (" + c.source().name().toLowerCase(java.util.Locale.ROOT) + ")" : names;
  }

  /** True when LAPACK is the JNI (native) implementation. */
  public boolean isNative() {
    return lapack instanceof dev.ludovic.netlib.lapack.NativeLAPACK;
  }

  public LAPACK lapack() { return lapack; }
  public BLAS blas() { return blas; }

  /** Runs {@code task} on the shared 16 MB-stack thread and returns its result (rethrowing its exception). */
  static <T> T onLapackThread(Callable<T> task) {
    if (ON_LAPACK_THREAD.get()) {
      try {
        return task.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    Future<T> f = EXECUTOR.submit(() -> {
      ON_LAPACK_THREAD.set(true);
      try {
        return task.call();
      } finally {
        ON_LAPACK_THREAD.set(false);
      }
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for LAPACK", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IllegalStateException(c);
    }
  }

  /**
   * LU factorisation P·A = L·U of a square n×n column-major matrix (dgetrf, ~2n³/3 flops).
   *
   * @param a the matrix; copied unless {@code overwrite}, in which case it becomes the factors
   * @throws SingularMatrixException if U(k,k) = 0 exactly (dgetrf info = k &gt; 0)
   */
  public Lu lu(double[] a, int n, boolean overwrite) {
    if (a.length < (long) n * n) {
      throw new IllegalArgumentException("matrix has " + a.length + " cells, expected " + (long) n * n);
    }
    double[] f = overwrite ? a : a.clone();
    int[] ipiv = new int[Math.max(1, n)];
    if (n == 0) {
      return new Lu(this, f, ipiv, 0);
    }
    int info = onLapackThread(() -> {
      intW w = new intW(0);
      lapack.dgetrf(n, n, f, Math.max(1, n), ipiv, w);
      return w.val;
    });
    if (info > 0) {
      throw new SingularMatrixException(info);
    }
    if (info < 0) {
      throw new IllegalStateException("dgetrf: illegal argument " + (-info));
    }
    return new Lu(this, f, ipiv, n);
  }

  /** C := alpha·op(A)·op(B) + beta·C, all column-major; op = transpose when the flag is set (2mnk flops). */
  public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
      int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    onLapackThread(() -> {
      blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, Math.max(1, lda), b,
          Math.max(1, ldb), beta, c, Math.max(1, ldc));
      return null;
    });
  }

  /**
   * dgemm on sub-matrices: op(A) starts at {@code a[offA]} with leading dimension lda, likewise B
   * and C (e.g. the contiguous country block A[S, R] of an n×n matrix is offA = S0 + R0·n, lda = n).
   */
  public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int offA,
      int lda, double[] b, int offB, int ldb, double beta, double[] c, int offC, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    onLapackThread(() -> {
      blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, offA, Math.max(1, lda), b, offB,
          Math.max(1, ldb), beta, c, offC, Math.max(1, ldc));
      return null;
    });
  }

  /** y := alpha·op(A)·x + beta·y on a sub-matrix A (m×n from {@code a[offA]}, leading dimension lda). */
  public void dgemv(boolean trans, int m, int n, double alpha, double[] a, int offA, int lda, double[] x,
      double beta, double[] y) {
    if (m == 0 || n == 0) {
      return;
    }
    onLapackThread(() -> {
      blas.dgemv(trans ? "T" : "N", m, n, alpha, a, offA, Math.max(1, lda), x, 0, 1, beta, y, 0, 1);
      return null;
    });
  }

  /** Returns A·B for A m×k and B k×n (column-major). */
  public double[] multiply(double[] a, int m, int k, double[] b, int n) {
    double[] c = new double[m * n];
    if (k == 0) {
      return c;
    }
    dgemm(false, false, m, n, k, 1.0, a, m, b, k, 0.0, c, m);
    return c;
  }

  /** y := alpha·op(A)·x + beta·y for A m×n column-major (2mn flops). */
  public void dgemv(boolean trans, int m, int n, double alpha, double[] a, double[] x, double beta,
      double[] y) {
    if (m == 0 || n == 0) {
      return;
    }
    onLapackThread(() -> {
      blas.dgemv(trans ? "T" : "N", m, n, alpha, a, Math.max(1, m), x, 1, beta, y, 1);
      return null;
    });
  }

  /** An LU factorisation, reusable for any number of solves until {@link #inverseInPlace()}. */
  public static final class Lu {
    private final Lapack owner;
    private final double[] factors;
    private final int[] ipiv;
    private final int n;
    private boolean consumed;

    private Lu(Lapack owner, double[] factors, int[] ipiv, int n) {
      this.owner = owner;
      this.factors = factors;
      this.ipiv = ipiv;
      this.n = n;
    }

    public int n() { return n; }

    /**
     * Solves op(A)·X = B in place for B n×nrhs column-major (dgetrs, 2n²·nrhs flops);
     * {@code transpose} solves A'·X = B (use it for row vectors: x'A = b' ⇔ A'x = b).
     */
    public double[] solveInPlace(double[] b, int nrhs, boolean transpose) {
      check();
      if (b.length < (long) n * nrhs) {
        throw new IllegalArgumentException("right-hand side has " + b.length + " cells, expected " + (long) n * nrhs);
      }
      if (n == 0 || nrhs == 0) {
        return b;
      }
      int info = onLapackThread(() -> {
        intW w = new intW(0);
        owner.lapack.dgetrs(transpose ? "T" : "N", n, nrhs, factors, n, ipiv, b, n, w);
        return w.val;
      });
      if (info != 0) {
        throw new IllegalStateException("dgetrs: info " + info);
      }
      return b;
    }

    /** Solves op(A)·X = B into a new array. */
    public double[] solve(double[] b, int nrhs, boolean transpose) {
      return solveInPlace(b.clone(), nrhs, transpose);
    }

    /** A⁻¹ into a new array (copies the factors, then dgetri: ~4n³/3 flops); the LU stays usable. */
    public double[] inverse() {
      check();
      return invert(factors.clone());
    }

    /**
     * A⁻¹ computed in the factors' own storage (no n² copy); this LU cannot be used afterwards.
     * If the LU was made with {@code overwrite}, the returned array is the caller's original array.
     */
    public double[] inverseInPlace() {
      check();
      consumed = true;
      return invert(factors);
    }

    private double[] invert(double[] a) {
      if (n == 0) {
        return a;
      }
      int info = onLapackThread(() -> {
        intW w = new intW(0);
        double[] q = new double[1];
        owner.lapack.dgetri(n, a, n, ipiv, q, -1, w);
        int lwork = Math.max(n, (int) q[0]);
        double[] work = new double[lwork];
        w.val = 0;
        owner.lapack.dgetri(n, a, n, ipiv, work, lwork, w);
        return w.val;
      });
      if (info > 0) {
        throw new SingularMatrixException(info);
      }
      if (info < 0) {
        throw new IllegalStateException("dgetri: illegal argument " + (-info));
      }
      return a;
    }

    private void check() {
      if (consumed) {
        throw new IllegalStateException("LU factors were overwritten by inverseInPlace()");
      }
    }
  }

  /** dgetrf/dgetri found an exactly zero pivot U(k,k) (1-based k): the matrix is singular. */
  public static final class SingularMatrixException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int pivot;

    public SingularMatrixException(int pivot) {
      super("singular matrix: LAPACK dgetrf pivot " + pivot + " (U(" + pivot + "," + pivot + ") = 0)");
      this.pivot = pivot;
    }

    /** 1-based index of the zero pivot, as LAPACK's info. */
    public int pivot() { return pivot; }
  }
}
