package io.tivaspark.common.model;

/** Precondition helpers whose failures name the bad value (Iceberg style). */
public final class Preconditions {
  private Preconditions() {}

  public static void checkArgument(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }

  public static <T> T checkNotNull(T value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " must not be null");
    }
    return value;
  }
}
