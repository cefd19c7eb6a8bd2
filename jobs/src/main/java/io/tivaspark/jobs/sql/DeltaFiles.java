package io.tivaspark.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The current state of one local Delta table read straight from its {@code _delta_log}
 * (docs/sql.md §3): the data files live in the latest version, the schema and the partition
 * columns. Replay rule of the Delta protocol: start from the newest checkpoint, then apply each
 * later commit in version order; an {@code add} makes a path live, a {@code remove} drops it.
 * Anything this reader does not implement (reader features such as deletion vectors or column
 * mapping, multi-part or v2 checkpoints, non-local paths) is {@link Unsupported}: the caller then
 * answers through Spark.
 */
public record DeltaFiles(List<Path> files, List<Column> schema, List<String> partitionColumns) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One column of the Delta schema: its name and Spark type (JSON form of the schema). */
  public record Column(String name, JsonNode type) {}

  /** A table this reader cannot resolve exactly; Spark's Delta reader can. */
  public static final class Unsupported extends Exception {
    public Unsupported(String why) {
      super(why);
    }
  }

  /** Resolves the latest snapshot of the table at {@code table}; checkpoints are read through {@code duck}. */
  public static DeltaFiles load(Path table, Connection duck) throws IOException, Unsupported, SQLException {
    Path log = table.resolve("_delta_log");
    long checkpoint = -1;
    List<Long> commits = new ArrayList<>();
    try (Stream<Path> s = Files.list(log)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.matches("\\d{20}\\.json")) {
          commits.add(Long.parseLong(n.substring(0, 20)));
        } else if (n.matches("\\d{20}\\.checkpoint\\.parquet")) {
          checkpoint = Math.max(checkpoint, Long.parseLong(n.substring(0, 20)));
        } else if (n.contains(".checkpoint.")) {
          throw new Unsupported("multi-part or v2 checkpoint " + n);
        }
      }
    }
    commits.sort(null);
    State st = new State();
    if (checkpoint >= 0) {
      st.readCheckpoint(log.resolve(String.format("%020d.checkpoint.parquet", checkpoint)), duck);
    }
    long expect = checkpoint + 1;
    for (long v : commits) {
      if (v <= checkpoint) {
        continue;
      }
      if (v != expect) {
        throw new Unsupported("missing commit " + expect + " in " + log);
      }
      st.readCommit(log.resolve(String.format("%020d.json", v)));
      expect++;
    }
    if (st.schemaString == null) {
      throw new Unsupported("no metaData in " + log);
    }
    List<Path> files = new ArrayList<>();
    for (String p : st.live.keySet()) {
      files.add(resolve(table, p));
    }
    files.sort(null);
    return new DeltaFiles(files, columns(st.schemaString), st.partitionColumns);
  }

  private static Path resolve(Path table, String encoded) throws Unsupported {
    try {
      URI u = new URI(encoded);
      if (u.getScheme() != null) {
        if (!"file".equals(u.getScheme())) {
          throw new Unsupported("non-local data file " + encoded);
        }
        return Path.of(u);
      }
      return table.resolve(u.getPath());
    } catch (URISyntaxException e) {
      throw new Unsupported("data file path " + encoded + ": " + e.getMessage());
    }
  }

  private static List<Column> columns(String schemaString) throws IOException {
    List<Column> out = new ArrayList<>();
    for (JsonNode f : JSON.readTree(schemaString).get("fields")) {
      out.add(new Column(f.get("name").asText(), f.get("type")));
    }
    return out;
  }

  /** The replay state: live paths in log order, the latest metaData and protocol. */
  private static final class State {
    final Map<String, Boolean> live = new LinkedHashMap<>();
    String schemaString;
    List<String> partitionColumns = List.of();

    void readCommit(Path file) throws IOException, Unsupported {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            apply(JSON.readTree(line));
          }
        }
      }
    }

    void apply(JsonNode action) throws Unsupported {
      if (action.has("add")) {
        JsonNode a = action.get("add");
        if (a.hasNonNull("deletionVector")) {
          throw new Unsupported("deletion vectors");
        }
        live.put(a.get("path").asText(), Boolean.TRUE);
      } else if (action.has("remove")) {
        live.remove(action.get("remove").get("path").asText());
      } else if (action.has("metaData")) {
        JsonNode m = action.get("metaData");
        schemaString = m.get("schemaString").asText();
        List<String> pc = new ArrayList<>();
        m.get("partitionColumns").forEach(c -> pc.add(c.asText()));
        partitionColumns = pc;
        JsonNode mode = m.path("configuration").path("delta.columnMapping.mode");
        if (!mode.isMissingNode() && !"none".equals(mode.asText())) {
          throw new Unsupported("column mapping");
        }
      } else if (action.has("protocol")) {
        checkProtocol(action.get("protocol").path("minReaderVersion").asInt(1),
            names(action.get("protocol").path("readerFeatures")));
      }
    }

    void readCheckpoint(Path cp, Connection duck) throws SQLException, Unsupported, IOException {
      String f = "read_parquet('" + cp.toString().replace("'", "''") + "')";
      try (Statement s = duck.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT to_json(protocol) FROM " + f + " WHERE protocol IS NOT NULL")) {
          while (rs.next()) {
            apply(JSON.readTree("{\"protocol\":" + rs.getString(1) + "}"));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT to_json(metaData) FROM " + f + " WHERE metaData IS NOT NULL")) {
          while (rs.next()) {
            JsonNode m = JSON.readTree(rs.getString(1));
            apply(JSON.readTree("{\"metaData\":" + normaliseCheckpointMeta(m) + "}"));
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT add.path, add.deletionVector IS NOT NULL FROM " + f
            + " WHERE add IS NOT NULL")) {
          while (rs.next()) {
            if (rs.getBoolean(2)) {
              throw new Unsupported("deletion vectors");
            }
            live.put(rs.getString(1), Boolean.TRUE);
          }
        } catch (SQLException e) {
          if (!String.valueOf(e.getMessage()).contains("deletionVector")) {
            throw e;
          }
          try (ResultSet rs = s.executeQuery("SELECT add.path FROM " + f + " WHERE add IS NOT NULL")) {
            while (rs.next()) {
              live.put(rs.getString(1), Boolean.TRUE);
            }
          }
        }
      }
    }

    /** A checkpoint stores the configuration map as DuckDB's MAP JSON (an object): same shape as a commit. */
    private static String normaliseCheckpointMeta(JsonNode m) {
      return m.toString();
    }
  }

  private static final Set<String> READER_FEATURES = Set.of("timestampNtz", "vacuumProtocolCheck", "v2Checkpoint",
      "checkpointProtection");

  private static void checkProtocol(int minReader, List<String> features) throws Unsupported {
    if (minReader > 3) {
      throw new Unsupported("reader version " + minReader);
    }
    for (String f : features) {
      if (!READER_FEATURES.contains(f)) {
        throw new Unsupported("reader feature " + f);
      }
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
