package io.tivaspark.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Typed reads of the {@code tiva} configuration that fail as a configuration error (exit 2) naming
 * the full key and the value found, e.g. "configuration: tiva.run.fail-on-check must be true or
 * false, got 'maybe'". Commands read every setting they use through these before their first write.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /** A boolean (true/false, also yes/no and on/off as Typesafe Config accepts). */
  public static boolean bool(Config tiva, String path) {
    return read(tiva, path, "true or false", tiva::getBoolean);
  }

  public static int integer(Config tiva, String path) {
    return read(tiva, path, "an integer", tiva::getInt);
  }

  public static long longValue(Config tiva, String path) {
    return read(tiva, path, "an integer", tiva::getLong);
  }

  public static double number(Config tiva, String path) {
    return read(tiva, path, "a number", tiva::getDouble);
  }

  public static String string(Config tiva, String path) {
    return read(tiva, path, "a string", tiva::getString);
  }

  public static List<String> stringList(Config tiva, String path) {
    return read(tiva, path, "a list of strings", tiva::getStringList);
  }

  /** A duration such as 30s, 5m or 12h (a bare number means milliseconds). */
  public static Duration duration(Config tiva, String path) {
    Duration d = read(tiva, path, "a duration such as 30s, 5m or 12h", tiva::getDuration);
    if (d.isNegative()) {
      throw new UsageException("configuration: tiva." + path + " must not be negative, got " + raw(tiva, path));
    }
    return d;
  }

  private static <T> T read(Config tiva, String path, String what, Function<String, T> getter) {
    try {
      return getter.apply(path);
    } catch (ConfigException.Missing e) {
      throw new UsageException("configuration: tiva." + path + " is missing (it must be " + what + ")", e);
    } catch (ConfigException e) {
      throw new UsageException("configuration: tiva." + path + " must be " + what + ", got " + raw(tiva, path), e);
    }
  }

  /** The value as written, for messages ('maybe', [1, 2], ...). */
  static String raw(Config tiva, String path) {
    try {
      Object v = tiva.getValue(path).unwrapped();
      return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    } catch (ConfigException e) {
      return "(unreadable)";
    }
  }
}
