package io.tivaspark.common.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * A content fingerprint of one year of input: SHA-256 over the layout's codes and every value
 * of every block, in a fixed order. Equal input gives an equal fingerprint whatever the file
 * layout, compression or cell order of the store; a changed cell changes it.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(MrioYear y) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Layout l = y.layout();
    text(md, "countries=" + l.countries());
    text(md, "industries=" + l.industries());
    text(md, "categories=" + l.categories());
    text(md, "splits=" + l.splits());
    text(md, "year=" + y.year());
    values(md, "Z", y.z());
    values(md, "Y", y.finalDemand());
    for (Map.Entry<String, double[]> e : y.valueAdded().entrySet()) {
      values(md, "VA:" + e.getKey(), e.getValue());
    }
    if (y.publishedOutput() != null) {
      values(md, "OUT", y.publishedOutput());
    }
    if (y.satellite() != null) {
      text(md, "stressors=" + y.satellite().stressors() + " units=" + y.satellite().units());
      values(md, "F", y.satellite().f());
      values(md, "FY", y.satellite().fy());
    }
    if (y.population() != null) {
      values(md, "POP", y.population());
    }
    StringBuilder sb = new StringBuilder(64);
    for (byte b : md.digest()) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static void text(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }

  private static void values(MessageDigest md, String name, double[] a) {
    text(md, name);
    ByteBuffer buf = ByteBuffer.allocate(8 * 4096);
    for (int i = 0; i < a.length; i++) {
      // +0.0 and -0.0 are the same cell value
      buf.putDouble(a[i] == 0.0 ? 0.0 : a[i]);
      if (!buf.hasRemaining()) {
        md.update(buf.array(), 0, buf.position());
        buf.clear();
      }
    }
    md.update(buf.array(), 0, buf.position());
  }
}
