/**
 * Input-output math of tiva-spark: LAPACK wrapper ({@link io.tivaspark.common.math.Lapack}),
 * textbook quantities ({@link io.tivaspark.common.math.IoMath}) and the OECD TiVA indicators of one
 * year ({@link io.tivaspark.common.math.TivaCore}). Pure Java plus dev.ludovic.netlib; no Spark.
 *
 * <p><b>Naming (GVC literature, as in docs/methods.md §1).</b>
 * <table>
 *   <caption>names here and in pymrio</caption>
 *   <tr><th>here</th><th>meaning</th><th>pymrio</th></tr>
 *   <tr><td>Z, Y, x, A</td><td>flows, final demand, gross output, A = Z x̂⁻¹</td><td>Z, Y, x, A</td></tr>
 *   <tr><td>va, v</td><td>value added (column residual x − Z'1 by default) and v = va ⊘ x</td><td>(V row of F), v</td></tr>
 *   <tr><td><b>B</b></td><td>global Leontief inverse (I − A)⁻¹</td><td><b>L</b></td></tr>
 *   <tr><td><b>L_ss</b></td><td>local/domestic inverse (I − A_ss)⁻¹ of one economy's block</td><td>(none)</td></tr>
 *   <tr><td>H</td><td>Ghosh allocation coefficients x̂⁻¹ Z</td><td><b>B</b> (!)</td></tr>
 *   <tr><td>Gh</td><td>Ghosh inverse (I − H)⁻¹</td><td>G</td></tr>
 * </table>
 *
 * <p>Storage: every matrix is a column-major {@code double[]} (element (i, j) at {@code i + j*rows}),
 * which is what LAPACK takes and what {@link io.tivaspark.common.model.MrioYear} holds.
 *
 * <p>Backend: {@link io.tivaspark.common.math.Lapack#get()} uses
 * {@code dev.ludovic.netlib.lapack.LAPACK.getInstance()} over the library
 * {@link io.tivaspark.common.math.NativeBlas} chose once per JVM: the system liblapack.so.3 (e.g.
 * OpenBLAS), else the OpenBLAS bundled in the jar, else the pure-Java F2J port;
 * {@link io.tivaspark.common.math.Lapack#javaOnly()} forces the pure-Java implementations
 * ({@code JavaLAPACK.getInstance()} = F2jLAPACK, {@code JavaBLAS.getInstance()}). Every LAPACK/BLAS call
 * runs on one dedicated thread with a 16 MB stack (OpenBLAS overflows the default 1 MB stack from
 * n ≈ 1000, see docs/build.md §6).
 */
package io.tivaspark.common.math;
