package io.tivaspark.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced a year's rows in the warehouse: the content fingerprint of its input, the
 * fingerprint of the result-affecting configuration, the code version, and the run that wrote
 * them. Kept per year in {@code runs.input_fingerprints} as JSON:
 * {@code {"2019": {"input": "<sha256>", "config": "<sha256>", "code": "0.1.0+<build>", "run_id": "..."}}}.
 */
record YearState(String input, String config, String code, String runId) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Same input, configuration and code: the year's rows would come out identical. */
  boolean sameAs(YearState o) {
    return o != null && input.equals(o.input) && config.equals(o.config) && code.equals(o.code);
  }

  static String toJson(Map<Integer, YearState> states) {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(states).forEach((y, s) -> {
      ObjectNode n = root.putObject(String.valueOf(y));
      n.put("input", s.input);
      n.put("config", s.config);
      n.put("code", s.code);
      n.put("run_id", s.runId);
    });
    return root.toString();
  }

  /** Parses one runs row's JSON; entries without a run_id take the row's. */
  static Map<Integer, YearState> fromJson(String json, String rowRunId) {
    Map<Integer, YearState> out = new TreeMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    try {
      JsonNode root = JSON.readTree(json);
      Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode n = e.getValue();
        if (!n.isObject()) {
          continue; // an older format: no state, the year is recomputed
        }
        out.put(Integer.parseInt(e.getKey()), new YearState(n.path("input").asText(""), n.path("config").asText(""),
            n.path("code").asText(""), n.hasNonNull("run_id") ? n.get("run_id").asText() : rowRunId));
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // unreadable state only costs a recomputation
    }
    return out;
  }
}
