package io.tivaspark.common.io.source;

import io.tivaspark.common.io.ZipTables;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One file of a GLORIA release: a plain file, or a member of a zip archive (streamed from the
 * archive, never unpacked). Written into {@link SourceUnit#members()} as {@code ROLE=path} or
 * {@code ROLE=archive.zip!/member}.
 *
 * @param path the file, or the zip archive
 * @param member the zip member, or null for a plain file
 */
record GloriaFile(Path path, String member) {
  private static final String SEP = "!/";

  /** How errors name it: the path, or {@code archive.zip!/member}. */
  String name() {
    return member == null ? path.toString() : path + SEP + member;
  }

  /** The base name of the file or member (no directories). */
  String baseName() {
    String s = member == null ? path.getFileName().toString() : member;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return name();
  }

  /** Parses {@link #name()} back (the last {@code !/} separates archive and member). */
  static GloriaFile parse(String s) {
    int k = s.lastIndexOf(SEP);
    return k < 0 ? new GloriaFile(Path.of(s), null) : new GloriaFile(Path.of(s.substring(0, k)), s.substring(k + SEP.length()));
  }

  /** Opens the bytes (for a member: the inflated stream; closing it closes the archive). */
  InputStream open(int year) throws IOException {
    if (member == null) {
      if (!Files.isRegularFile(path)) {
        throw new InvalidInputException(name(), year, null, "file missing");
      }
      return Files.newInputStream(path);
    }
    ZipFile zf;
    try {
      zf = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new InvalidInputException(path.toString(), year, null, "not a readable zip archive (truncated or damaged): "
          + e.getMessage(), e);
    }
    ZipEntry e = zf.getEntry(member);
    if (e == null) {
      zf.close();
      throw new InvalidInputException(path.toString(), year, "member " + member, "no such member in the zip archive");
    }
    return ZipTables.memberClosingArchive(zf, e);
  }
}
