package io.tivaspark.common.io.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an {@link ExcelTestGrid} as an Excel workbook: {@code .xlsx} with POI's streaming writer
 * SXSSF (shared strings, as Excel writes them; a window of 100 rows in memory, so a sheet of real
 * size is written in seconds), or {@code .xlsb} with the minimal BIFF12 writer {@link Xlsb} (POI
 * cannot write xlsb). Also zips files, as a release ships them.
 */
final class ExcelTestFiles {
  private ExcelTestFiles() {}

  /** Writes {@code grid} to {@code file}: xlsb when the name ends in .xlsb, else xlsx; extra sheets before it. */
  static Path write(ExcelTestGrid grid, Path file, String... extraSheets) throws IOException {
    if (file.getFileName().toString().endsWith(".xlsb")) {
      Xlsb.write(grid, file, extraSheets);
    } else {
      writeXlsx(grid, file, extraSheets);
    }
    return file;
  }

  static void writeXlsx(ExcelTestGrid grid, Path file, String... extraSheets) throws IOException {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 100, true, true)) {
      for (String s : extraSheets) {
        wb.createSheet(s).createRow(0).createCell(0).setCellValue("notes");
      }
      SXSSFSheet sheet = wb.createSheet(grid.sheet);
      for (int r = 0; r < grid.rowCount(); r++) {
        TreeMap<Integer, Object> cells = grid.row(r);
        if (cells.isEmpty()) {
          continue;
        }
        Row row = sheet.createRow(r);
        for (Map.Entry<Integer, Object> e : cells.entrySet()) {
          Cell c = row.createCell(e.getKey());
          if (e.getValue() instanceof Double d) {
            c.setCellValue(d);
          } else {
            c.setCellValue((String) e.getValue());
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
  }

  /** A zip archive of {@code files} (stored under their names), e.g. WIOTS_in_EXCEL.zip. */
  static Path zip(Path zip, Path... files) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path f : files) {
        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip;
  }

  /** A copy of {@code file} cut to {@code fraction} of its bytes (a broken download). */
  static Path truncate(Path file, Path to, double fraction) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(to, java.util.Arrays.copyOf(b, (int) (b.length * fraction)));
    return to;
  }

  /**
   * A minimal BIFF12 (.xlsb) writer, after the [MS-XLSB] specification: the package parts and
   * relationships, the workbook part (BrtBundleSh per sheet), a styles part with one cell format,
   * the shared strings (BrtSstItem) and the worksheet (BrtWsDim, BrtRowHdr, BrtCellReal for numbers,
   * BrtCellIsst for strings). Enough for POI's XSSFBReader and for pyxlsb to read it alike.
   */
  static final class Xlsb {
    private Xlsb() {}

    static void write(ExcelTestGrid grid, Path file, String... extraSheets) throws IOException {
      List<String> names = new ArrayList<>(List.of(extraSheets));
      names.add(grid.sheet);
      Map<String, Integer> sst = new HashMap<>();
      List<String> strings = new ArrayList<>();
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
        entry(zip, "[Content_Types].xml", contentTypes(names.size()).getBytes(StandardCharsets.UTF_8));
        entry(zip, "_rels/.rels", (XML + "<Relationships xmlns=\"" + PKG_RELS + "\"><Relationship Id=\"rId1\" Type=\""
            + REL + "officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>").getBytes(StandardCharsets.UTF_8));
        entry(zip, "xl/_rels/workbook.bin.rels", workbookRels(names.size()).getBytes(StandardCharsets.UTF_8));
        entry(zip, "xl/workbook.bin", workbook(names));
        entry(zip, "xl/styles.bin", styles());
        for (int s = 0; s < names.size(); s++) {
          zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + (s + 1) + ".bin"));
          Records out = new Records(zip);
          sheet(s < extraSheets.length ? null : grid, out, sst, strings);
          zip.closeEntry();
        }
        entry(zip, "xl/sharedStrings.bin", sharedStrings(strings));
      }
    }

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final String PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private static String contentTypes(int sheets) {
      StringBuilder sb = new StringBuilder(XML + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          + "<Override PartName=\"/xl/workbook.bin\" ContentType=\"application/vnd.ms-excel.sheet.binary.macroEnabled.main\"/>"
          + "<Override PartName=\"/xl/styles.bin\" ContentType=\"application/vnd.ms-excel.styles\"/>"
          + "<Override PartName=\"/xl/sharedStrings.bin\" ContentType=\"application/vnd.ms-excel.sharedStrings\"/>");
      for (int s = 1; s <= sheets; s++) {
        sb.append("<Override PartName=\"/xl/worksheets/sheet").append(s)
            .append(".bin\" ContentType=\"application/vnd.ms-excel.worksheet\"/>");
      }
      return sb.append("</Types>").toString();
    }

    private static String workbookRels(int sheets) {
      StringBuilder sb = new StringBuilder(XML + "<Relationships xmlns=\"" + PKG_RELS + "\">");
      for (int s = 1; s <= sheets; s++) {
        sb.append("<Relationship Id=\"rId").append(s).append("\" Type=\"").append(REL)
            .append("worksheet\" Target=\"worksheets/sheet").append(s).append(".bin\"/>");
      }
      sb.append("<Relationship Id=\"rId").append(sheets + 1).append("\" Type=\"").append(REL)
          .append("styles\" Target=\"styles.bin\"/>");
      sb.append("<Relationship Id=\"rId").append(sheets + 2).append("\" Type=\"").append(REL)
          .append("sharedStrings\" Target=\"sharedStrings.bin\"/>");
      return sb.append("</Relationships>").toString();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(bytes);
      zip.closeEntry();
    }

    private static byte[] workbook(List<String> names) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Records r = new Records(bytes);
      r.record(131, new byte[0]); // BrtBeginBook
      r.record(143, new byte[0]); // BrtBeginBundleShs
      for (int s = 0; s < names.size(); s++) {
        Buf b = new Buf().u32(0).u32(s + 1).wide("rId" + (s + 1)).wide(names.get(s));
        r.record(156, b.bytes()); // BrtBundleSh: state, tab id, relationship id, name
      }
      r.record(144, new byte[0]); // BrtEndBundleShs
      r.record(132, new byte[0]); // BrtEndBook
      return bytes.toByteArray();
    }

    private static byte[] styles() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Records r = new Records(bytes);
      r.record(278, new byte[0]); // BrtBeginStyleSheet
      r.record(617, new Buf().u32(1).bytes()); // BrtBeginCellXFs, one format
      r.record(47, new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // BrtXf, General
      r.record(618, new byte[0]); // BrtEndCellXFs
      r.record(279, new byte[0]); // BrtEndStyleSheet
      return bytes.toByteArray();
    }

    private static byte[] sharedStrings(List<String> strings) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Records r = new Records(bytes);
      r.record(159, new Buf().u32(strings.size()).u32(strings.size()).bytes()); // BrtBeginSst
      for (String s : strings) {
        r.record(19, new Buf().u8(0).wide(s).bytes()); // BrtSstItem: plain rich string
      }
      r.record(160, new byte[0]); // BrtEndSst
      return bytes.toByteArray();
    }

    private static void sheet(ExcelTestGrid grid, Records out, Map<String, Integer> sst, List<String> strings)
        throws IOException {
      out.record(129, new byte[0]); // BrtBeginSheet
      int lastRow = grid == null ? 0 : grid.rowCount() - 1;
      int lastCol = grid == null ? 0 : grid.totalCol();
      out.record(148, new Buf().u32(0).u32(lastRow).u32(0).u32(lastCol).bytes()); // BrtWsDim: the used range
      out.record(145, new byte[0]); // BrtBeginSheetData
      for (int r = 0; grid != null && r < grid.rowCount(); r++) {
        TreeMap<Integer, Object> cells = grid.row(r);
        if (cells.isEmpty()) {
          continue;
        }
        out.record(0, new Buf().u32(r).u32(0).u16(300).u16(0).u8(0).u32(0).bytes()); // BrtRowHdr
        for (Map.Entry<Integer, Object> e : cells.entrySet()) {
          Buf cell = new Buf().u32(e.getKey()).u32(0); // column, style 0 (24 bits) and flags
          if (e.getValue() instanceof Double d) {
            out.record(5, cell.f64(d).bytes()); // BrtCellReal
          } else {
            String s = (String) e.getValue();
            Integer idx = sst.computeIfAbsent(s, k -> {
              strings.add(k);
              return strings.size() - 1;
            });
            out.record(7, cell.u32(idx).bytes()); // BrtCellIsst
          }
        }
      }
      out.record(146, new byte[0]); // BrtEndSheetData
      out.record(130, new byte[0]); // BrtEndSheet
    }

    /** BIFF12 records: type (7 bits per byte, low first) and size (the same) then the payload. */
    private static final class Records {
      private final OutputStream out;

      Records(OutputStream out) { this.out = out; }

      void record(int type, byte[] data) throws IOException {
        if (type < 128) {
          out.write(type);
        } else {
          out.write((type & 0x7F) | 0x80);
          out.write(type >> 7);
        }
        int size = data.length;
        do {
          int b = size & 0x7F;
          size >>>= 7;
          out.write(size > 0 ? b | 0x80 : b);
        } while (size > 0);
        out.write(data);
      }
    }

    /** A little-endian payload builder. */
    private static final class Buf {
      private final ByteArrayOutputStream b = new ByteArrayOutputStream();

      Buf u8(int v) {
        b.write(v);
        return this;
      }

      Buf u16(int v) {
        return u8(v & 0xFF).u8(v >>> 8 & 0xFF);
      }

      Buf u32(long v) {
        return u16((int) (v & 0xFFFF)).u16((int) (v >>> 16 & 0xFFFF));
      }

      Buf f64(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return u32(bits & 0xFFFFFFFFL).u32(bits >>> 32);
      }

      /** XLWideString: a 32-bit character count, then UTF-16LE. */
      Buf wide(String s) {
        u32(s.length());
        for (int i = 0; i < s.length(); i++) {
          u16(s.charAt(i));
        }
        return this;
      }

      byte[] bytes() { return b.toByteArray(); }
    }
  }
}
