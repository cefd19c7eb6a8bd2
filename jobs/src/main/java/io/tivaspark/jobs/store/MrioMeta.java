package io.tivaspark.jobs.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code mrio.json} at the root of a canonical store (docs/data-dictionary.md §6): name, source, edition,
 * unit, ordered countries and industries (codes, optional names), final-demand categories
 * (optional names), splits, and the value-added components with the source's labels (optional:
 * written by the publishers' readers and ICIO ingest; not needed to read the store).
 */
public final class MrioMeta implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String FILE = "mrio.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public final String name;
  public final String source;
  public final String edition;
  public final String unit;
  public final List<String> countries;
  public final Map<String, String> countryNames;
  public final List<String> industries;
  public final Map<String, String> industryNames;
  public final List<String> categories;
  public final Map<String, List<String>> splits;
  /** Final-demand category code → the source's label (may be empty). */
  public final Map<String, String> categoryNames;
  /** The value-added component codes the source has, in order (may be empty: not recorded). */
  public final List<String> components;
  /** Value-added component code → the source's label (may be empty). */
  public final Map<String, String> componentNames;

  public MrioMeta(String name, String source, String edition, String unit, List<String> countries,
      Map<String, String> countryNames, List<String> industries, Map<String, String> industryNames,
      List<String> categories, Map<String, List<String>> splits) {
    this(name, source, edition, unit, countries, countryNames, industries, industryNames, categories, splits,
        Map.of(), List.of(), Map.of());
  }

  private MrioMeta(String name, String source, String edition, String unit, List<String> countries,
      Map<String, String> countryNames, List<String> industries, Map<String, String> industryNames,
      List<String> categories, Map<String, List<String>> splits, Map<String, String> categoryNames,
      List<String> components, Map<String, String> componentNames) {
    this.name = name;
    this.source = source;
    this.edition = edition;
    this.unit = unit;
    this.countries = List.copyOf(countries);
    this.countryNames = new LinkedHashMap<>(countryNames);
    this.industries = List.copyOf(industries);
    this.industryNames = new LinkedHashMap<>(industryNames);
    this.categories = List.copyOf(categories);
    this.splits = new LinkedHashMap<>(splits);
    this.categoryNames = new LinkedHashMap<>(categoryNames);
    this.components = List.copyOf(components);
    this.componentNames = new LinkedHashMap<>(componentNames);
  }

  /**
   * The same, with the source's labels of the final-demand categories and the value-added
   * components: {@code components} is ordered, code → label (a null label: the code alone).
   */
  public MrioMeta withNames(Map<String, String> categoryNames, Map<String, String> components) {
    Map<String, String> named = new LinkedHashMap<>();
    components.forEach((k, v) -> {
      if (v != null) {
        named.put(k, v);
      }
    });
    Map<String, String> cats = new LinkedHashMap<>();
    categoryNames.forEach((k, v) -> {
      if (v != null) {
        cats.put(k, v);
      }
    });
    return new MrioMeta(name, source, edition, unit, countries, countryNames, industries, industryNames, categories,
        splits, cats, new ArrayList<>(components.keySet()), named);
  }

  /** The layout the math runs on (throws InvalidInputException naming mrio.json on bad lists). */
  public Layout layout(String where) {
    try {
      return new Layout(countries, industries, categories, splits);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(where, null, null, e.getMessage());
    }
  }

  /** Unit code for the indicators table, e.g. "USD million" -> "USD_M". */
  public String unitCode(String dflt) {
    if (unit == null || unit.isBlank()) {
      return dflt;
    }
    String u = unit.trim();
    if (u.matches("(?i)[A-Z]{3}\\s+million")) {
      return u.substring(0, 3).toUpperCase() + "_M";
    }
    if (u.matches("(?i)[A-Z]{3}\\s+(thousand|bn|billion)")) {
      return u.substring(0, 3).toUpperCase() + (u.toLowerCase().contains("thousand") ? "_K" : "_B");
    }
    return u.replaceAll("[^A-Za-z0-9_]+", "_");
  }

  public static MrioMeta read(FileSystem fs, Path root) {
    Path p = new Path(root, FILE);
    String where = p.toString();
    JsonNode n;
    try (InputStream in = fs.open(p)) {
      n = JSON.readTree(in);
    } catch (java.io.FileNotFoundException e) {
      throw new InvalidInputException(where, null, null, "mrio.json is missing: not a canonical store");
    } catch (IOException e) {
      throw new InvalidInputException(where, null, null, "unreadable JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(where, null, null, "mrio.json must be a JSON object");
    }
    Map<String, String> countryNames = new LinkedHashMap<>();
    Map<String, String> industryNames = new LinkedHashMap<>();
    List<String> countries = codes(n, "countries", countryNames, where, true);
    List<String> industries = codes(n, "industries", industryNames, where, true);
    Map<String, String> categoryNames = new LinkedHashMap<>();
    List<String> categories = codes(n, "categories", categoryNames, where, false);
    Map<String, String> componentNames = new LinkedHashMap<>();
    List<String> components = codes(n, "components", componentNames, where, false);
    if (categories.isEmpty()) {
      categories = List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR");
    }
    Map<String, List<String>> splits = new LinkedHashMap<>();
    JsonNode s = n.get("splits");
    if (s != null && !s.isNull()) {
      if (!s.isObject()) {
        throw new InvalidInputException(where, null, "splits", "must be an object country -> [entities]");
      }
      Iterator<Map.Entry<String, JsonNode>> it = s.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> parts = new ArrayList<>();
        if (!e.getValue().isArray()) {
          throw new InvalidInputException(where, null, "splits." + e.getKey(), "must be a list of entity codes");
        }
        e.getValue().forEach(v -> parts.add(v.asText()));
        splits.put(e.getKey(), parts);
      }
    }
    return new MrioMeta(text(n, "name"), text(n, "source"), text(n, "edition"), text(n, "unit"),
        countries, countryNames, industries, industryNames, categories, splits, categoryNames, components,
        componentNames);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /** A code list: ["AUS", ...] or [{"code": "AUS", "name": "Australia"}, ...]. */
  private static List<String> codes(JsonNode n, String field, Map<String, String> names, String where,
      boolean required) {
    JsonNode a = n.get(field);
    List<String> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      if (required) {
        throw new InvalidInputException(where, null, field, "required list is missing");
      }
      return out;
    }
    if (!a.isArray()) {
      throw new InvalidInputException(where, null, field, "must be a list");
    }
    for (JsonNode e : a) {
      if (e.isTextual()) {
        out.add(e.asText());
      } else if (e.isObject() && e.hasNonNull("code")) {
        out.add(e.get("code").asText());
        if (e.hasNonNull("name")) {
          names.put(e.get("code").asText(), e.get("name").asText());
        }
      } else {
        throw new InvalidInputException(where, null, field, "entries must be codes or {code, name} objects");
      }
    }
    if (required && out.isEmpty()) {
      throw new InvalidInputException(where, null, field, "list is empty");
    }
    return out;
  }

  public void write(FileSystem fs, Path root) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", name);
    n.put("source", source);
    n.put("edition", edition);
    n.put("unit", unit);
    n.set("countries", list(countries, countryNames));
    n.set("industries", list(industries, industryNames));
    n.set("categories", list(categories, categoryNames));
    ObjectNode sp = n.putObject("splits");
    splits.forEach((k, v) -> {
      ArrayNode arr = sp.putArray(k);
      v.forEach(arr::add);
    });
    if (!components.isEmpty()) {
      n.set("components", list(components, componentNames));
    }
    Path tmp = new Path(root, "." + FILE + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    Path target = new Path(root, FILE);
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("could not rename " + tmp + " to " + target);
    }
  }

  private static ArrayNode list(List<String> codes, Map<String, String> names) {
    ArrayNode a = JSON.createArrayNode();
    for (String c : codes) {
      String nm = names.get(c);
      if (nm == null) {
        a.add(c);
      } else {
        ObjectNode o = a.addObject();
        o.put("code", c);
        o.put("name", nm);
      }
    }
    return a;
  }
}
