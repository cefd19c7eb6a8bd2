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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

  private final Config config;
  private final List<String> warnings;

  private Settings(Config config, List<String> warnings) {
    this.config = config;
    this.warnings = List.copyOf(warnings);
  }

  public Config config() { return config; }

  /** The configuration warnings of {@link #load} (unknown keys), each also logged at WARN. */
  public List<String> warnings() { return warnings; }

  public Config tiva() { return config.getConfig("tiva"); }

  /**
   * Loads the configuration.
   *
   * @param confFile the --conf FILE, or null
   */
  public static Settings load(String confFile) {
    Config defaults = defaults();
    Config merged = defaults;
    List<String> unknown = new ArrayList<>();
    if (confFile != null) {
      File f = new File(confFile);
      if (!f.isFile() || !f.canRead()) {
        throw new UsageException("--conf " + confFile + ": file not found or not readable");
      }
      try {
        Config user = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
        merged = user.withFallback(defaults);
        unknown.addAll(ConfigKeys.unknown(defaults, user, "--conf " + confFile));
      } catch (ConfigException e) {
        throw new UsageException("--conf " + confFile + ": " + oneLine(e.getMessage()), e);
      }
    }
    Config env = ConfigFactory.systemEnvironmentOverrides();
    unknown.addAll(ConfigKeys.unknown(defaults, env, "the CONFIG_FORCE_ environment overrides"));
    Config resolved;
    try {
      resolved = env.withFallback(merged).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
      resolved.getConfig("tiva");
    } catch (ConfigException e) {
      throw new UsageException("configuration: " + oneLine(e.getMessage()), e);
    }
    return checked(resolved, unknown);
  }

  /** Keys that were renamed: old key under tiva to the key that replaces it. */
  static final Map<String, String> RENAMED = Map.of(
      "run.balance-atol", "balance-atol", "run.balance-rtol", "balance-rtol",
      "validate.balance-atol", "balance-atol", "validate.balance-rtol", "balance-rtol");

  /**
   * Renamed keys are a configuration error naming the new key; unknown keys a WARN line each, or
   * with tiva.strict-config = true a configuration error.
   */
  private static Settings checked(Config resolved, List<String> unknown) {
    Config tiva = resolved.getConfig("tiva");
    for (Map.Entry<String, String> e : new TreeMap<>(RENAMED).entrySet()) {
      if (tiva.hasPathOrNull(e.getKey())) {
        throw new UsageException("configuration: tiva." + e.getKey() + " is now tiva." + e.getValue()
            + " (one tolerance for run and validate; see conf/application.conf)");
      }
    }
    boolean strict = tiva.hasPath("strict-config") && ConfigValues.bool(tiva, "strict-config");
    if (strict && !unknown.isEmpty()) {
      throw new UsageException(unknown.get(0) + " (tiva.strict-config = true"
          + (unknown.size() > 1 ? "; " + (unknown.size() - 1) + " more unknown keys" : "") + ")");
    }
    unknown.forEach(LOG::warn);
    return new Settings(resolved, unknown);
  }

  /** The built-in defaults (conf/application.conf), resolved: what a user has not overridden. */
  public static Config defaultTiva() {
    return defaults().resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true)).getConfig("tiva");
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
