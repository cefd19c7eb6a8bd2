package io.tivaspark.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The effective configuration: defaults (conf/application.conf, also bundled in the jar), the
 * file given with --conf, then environment overrides. See conf/application.conf for every key.
 */
public final class Settings {
  /** Keys whose values must never reach a log, the console or the runs table. */
  private static final Pattern SECRET = Pattern.compile(
      "(?i).*(secret|password|passwd|token|credential|access[._-]?key|private[._-]?key|"
          + "sas[._-]?key|signature|session[._-]?key|\\.key$).*");
  public static final String MASK = "******";

  private final Config config;

  private Settings(Config config) {
    this.config = config;
  }

  public Config config() { return config; }

  public Config tiva() { return config.getConfig("tiva"); }

  /**
   * Loads the configuration.
   *
   * @param confFile the --conf FILE, or null
   */
  public static Settings load(String confFile) {
    Config defaults = defaults();
    Config merged = defaults;
    if (confFile != null) {
      File f = new File(confFile);
      if (!f.isFile() || !f.canRead()) {
        throw new UsageException("--conf " + confFile + ": file not found or not readable");
      }
      try {
        Config user = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
        merged = user.withFallback(defaults);
      } catch (ConfigException e) {
        throw new UsageException("--conf " + confFile + ": " + oneLine(e.getMessage()), e);
      }
    }
    try {
      Config resolved = ConfigFactory.systemEnvironmentOverrides()
          .withFallback(merged)
          .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
      resolved.getConfig("tiva");
      return new Settings(resolved);
    } catch (ConfigException e) {
      throw new UsageException("configuration: " + oneLine(e.getMessage()), e);
    }
  }

  private static Config defaults() {
    String path = System.getProperty("tiva.defaults");
    if (path != null && new File(path).isFile()) {
      return ConfigFactory.parseFile(new File(path));
    }
    return ConfigFactory.parseResources(Settings.class.getClassLoader(), "io/tivaspark/jobs/application.conf",
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  public static boolean isSecretKey(String key) {
    return SECRET.matcher(key).matches();
  }

  /** The tiva configuration with secret-looking values replaced by {@link #MASK}. */
  public Config masked() {
    Config c = tiva();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      if (isSecretKey(e.getKey())) {
        c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(MASK));
      }
    }
    return c;
  }

  /** The effective configuration as HOCON text, secrets masked (bin/tiva --show-config). */
  public String render() {
    return "tiva " + masked().root().render(ConfigRenderOptions.defaults()
        .setOriginComments(false).setComments(false).setJson(false).setFormatted(true));
  }

  /** The effective configuration as one-line JSON, secrets masked (for the runs table). */
  public String renderJson() {
    return masked().root().render(ConfigRenderOptions.concise());
  }

  /** Extra Spark settings from tiva.spark.conf, in key order. */
  public Map<String, String> sparkConf() {
    Map<String, String> out = new TreeMap<>();
    Config c = tiva().getConfig("spark.conf");
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    return out;
  }

  /** The project version from the jar (tiva-version.properties). */
  public static String version() {
    return buildInfo().getProperty("version", "unknown");
  }

  /**
   * The code identity for incremental runs: version plus build time, so a rebuilt jar recomputes
   * every year while nightly runs of one deployed jar skip unchanged years.
   */
  public static String codeVersion() {
    Properties p = buildInfo();
    return p.getProperty("version", "unknown") + "+" + p.getProperty("build", "unknown");
  }

  private static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = Settings.class.getResourceAsStream("/tiva-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown version
    }
    return p;
  }
}
