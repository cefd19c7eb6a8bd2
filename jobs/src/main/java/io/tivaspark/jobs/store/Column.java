package io.tivaspark.jobs.store;

import java.io.Serializable;

/** A column of a Parquet file we write or read outside Spark (store datasets, staged results). */
public record Column(String name, Type type) implements Serializable {
  /** The physical types we use. */
  public enum Type { STRING, DOUBLE, INT, LONG, BOOLEAN }

  public static Column string(String name) { return new Column(name, Type.STRING); }
  public static Column dbl(String name) { return new Column(name, Type.DOUBLE); }
  public static Column integer(String name) { return new Column(name, Type.INT); }
  public static Column lng(String name) { return new Column(name, Type.LONG); }
  public static Column bool(String name) { return new Column(name, Type.BOOLEAN); }
}
