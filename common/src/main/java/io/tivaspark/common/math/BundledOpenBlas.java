package io.tivaspark.common.math;

import java.io.File;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * The OpenBLAS of the JavaCPP preset {@code org.bytedeco:openblas} (0.3.31, with LAPACK): the only
 * class that touches JavaCPP, so {@link NativeBlas} still loads when the preset is absent (a jar
 * built with {@code -Dtiva.bundle-openblas=false}: a {@link LinkageError} then).
 *
 * <p>{@code Loader.load} extracts the platform's libraries (libopenblas_nolapack.so.0 = the full
 * OpenBLAS with LAPACK, libgfortran, libquadmath, libgcc_s; RUNPATH $ORIGIN) to JavaCPP's cache and
 * loads them with the small JNI of the {@code openblas_nolapack} preset, which also gives
 * {@code openblas_set_num_threads}. netlib's shim then dlopens the same file, which the dynamic
 * linker recognises: one OpenBLAS in the process, so the thread count set here is the one netlib's
 * calls use.
 */
final class BundledOpenBlas {
  private BundledOpenBlas() {}

  /** Extracts and loads the bundled OpenBLAS; returns the path of the library file. */
  static String load() {
    String jni = Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
    if (jni == null) {
      throw new IllegalStateException("JavaCPP could not load the OpenBLAS preset");
    }
    File dir = new File(jni).getParentFile();
    for (String name : new String[] {"libopenblas_nolapack.so.0", "libopenblas.so.0"}) {
      File f = new File(dir, name);
      if (f.isFile()) {
        return f.getPath();
      }
    }
    throw new IllegalStateException("no libopenblas beside " + jni);
  }

  /** openblas_set_num_threads(threads), read by every later call. */
  static void setThreads(int threads) {
    openblas_nolapack.blas_set_num_threads(threads);
  }
}
