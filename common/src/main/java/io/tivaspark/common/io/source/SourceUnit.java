package io.tivaspark.common.io.source;

import java.io.Serializable;
import java.util.List;

/**
 * One year of a source release: the local path (a file, a directory or a zip archive), the zip
 * members or files of that year the reader needs (empty: the whole path), the year, and the label
 * errors name (e.g. {@code IOT_2015_pxp.zip}, {@code IOT_2015_pxp.zip!A.txt}). Serializable: shipped
 * to the task that reads it.
 */
public record SourceUnit(String path, List<String> members, int year, String label) implements Serializable {
  public SourceUnit {
    members = List.copyOf(members);
  }
}
