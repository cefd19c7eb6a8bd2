package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.binary.XSSFBSharedStringsTable;
import org.apache.poi.xssf.binary.XSSFBSheetHandler;
import org.apache.poi.xssf.binary.XSSFBStylesTable;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFBReader;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * An Excel 2007+ workbook ({@code .xlsx}, or {@code .xlsb} as WIOD 2016 ships it) read with Apache
 * POI's streaming readers, never its DOM ({@code XSSFWorkbook}): {@code XSSFReader} + a SAX
 * {@code XSSFSheetXMLHandler} for {@code .xlsx}, {@code XSSFBReader} + {@code XSSFBSheetHandler} for
 * {@code .xlsb}. A sheet is delivered cell by cell to an {@link ExcelCellVisitor}; memory is the
 * shared-strings table (labels only), not the sheet. Numbers arrive with their exact binary value
 * (the xlsx handler is given no styles, so it passes the stored digits unformatted; the xlsb
 * handler passes the double).
 *
 * <p>A workbook inside a zip archive (WIOD's {@code WIOTS_in_EXCEL.zip}) is read from the archive
 * into memory as its compressed bytes (never unpacked to disk) and opened from there; its parts are
 * inflated as they are streamed. Any unreadable workbook (truncated, damaged, not Excel 2007+) is
 * an {@link InvalidInputException} naming it.
 */
final class ExcelWorkbook implements Closeable {
  private final OPCPackage pkg;
  private final String label;
  private final Integer year;
  private final boolean binary;

  private ExcelWorkbook(OPCPackage pkg, String label, Integer year) {
    this.pkg = pkg;
    this.label = label;
    this.year = year;
    PackageRelationship doc = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT).getRelationship(0);
    if (doc == null) {
      pkg.revert();
      throw new InvalidInputException(label, year, null, "not an Excel workbook: no workbook part in the package");
    }
    this.binary = doc.getTargetURI().getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".bin");
  }

  /** Opens a workbook file (read only, streamed from disk). */
  static ExcelWorkbook open(Path file, String label, Integer year) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(label, year, null, "no such file");
    }
    try {
      return new ExcelWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ), label, year);
    } catch (InvalidInputException e) {
      throw e;
    } catch (OpenXML4JException | RuntimeException e) {
      throw unreadable(label, year, e);
    }
  }

  /** Opens a workbook that is a member of a zip archive (its compressed bytes are held in memory). */
  static ExcelWorkbook openMember(Path zip, String member, String label, Integer year) {
    byte[] bytes;
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      ZipEntry e = zf.getEntry(member);
      if (e == null) {
        throw new InvalidInputException(zip.toString(), year, "member " + member, "no such member in the zip archive");
      }
      try (InputStream in = zf.getInputStream(e)) {
        bytes = in.readAllBytes();
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(zip.toString(), year, null, "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(label, year, null,
          "truncated or damaged zip member (" + e.getMessage() + ")", e);
    }
    try {
      org.apache.commons.compress.archivers.zip.ZipFile zf = org.apache.commons.compress.archivers.zip.ZipFile.builder()
          .setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
      return new ExcelWorkbook(OPCPackage.open(new ZipFileZipEntrySource(zf)), label, year);
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      throw unreadable(label, year, e);
    }
  }

  private static InvalidInputException unreadable(String label, Integer year, Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InvalidInputException(label, year, null,
        "not a readable Excel 2007+ workbook (.xlsx/.xlsb; truncated or damaged?): " + why, e);
  }

  /** How errors name the workbook, e.g. {@code /data/WIOT2014_Nov16_ROW.xlsb}. */
  String label() { return label; }

  /** Whether the workbook is binary ({@code .xlsb}). */
  boolean binary() { return binary; }

  /** The sheet names, in workbook order. */
  List<String> sheetNames() {
    List<String> names = new ArrayList<>();
    try {
      XSSFReader.SheetIterator it = reader().getSheetIterator();
      while (it.hasNext()) {
        it.next().close();
        names.add(it.getSheetName());
      }
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      throw unreadable(label, year, e);
    }
    return names;
  }

  private XSSFReader reader() throws IOException, OpenXML4JException {
    return binary ? new XSSFBReader(pkg) : new XSSFReader(pkg);
  }

  /**
   * Streams the cells of {@code sheet} to {@code visitor}, row by row. A {@link ExcelCellVisitor.Stop}
   * thrown by the visitor ends the reading normally; an {@link InvalidInputException} it throws
   * passes through unchanged.
   */
  void stream(String sheet, ExcelCellVisitor visitor) {
    try {
      XSSFReader r = reader();
      XSSFReader.SheetIterator it = r.getSheetIterator();
      while (it.hasNext()) {
        try (InputStream in = it.next()) {
          if (it.getSheetName().equals(sheet)) {
            if (binary) {
              streamXlsb((XSSFBReader) r, in, visitor);
            } else {
              streamXlsx(in, visitor);
            }
            return;
          }
        }
      }
      throw new InvalidInputException(label, year, null, "no sheet named " + sheet);
    } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
      if (cause(e, ExcelCellVisitor.Stop.class) != null) {
        return; // the visitor has what it needs
      }
      InvalidInputException own = cause(e, InvalidInputException.class);
      if (own != null) {
        throw own;
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      org.xml.sax.SAXParseException at = cause(e, org.xml.sax.SAXParseException.class);
      if (at != null) {
        why += " (sheet XML line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
      }
      throw new InvalidInputException(label, year, "sheet " + sheet,
          "unreadable sheet (truncated or damaged workbook?): " + why, e);
    }
  }

  /** {@code e} or the first of its causes of type {@code type} (the SAX parser may wrap a visitor's exception). */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private void streamXlsx(InputStream in, ExcelCellVisitor visitor)
      throws IOException, SAXException, OpenXML4JException {
    ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
    XMLReader parser;
    try {
      parser = XMLHelper.newXMLReader();
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException("no SAX parser: " + e.getMessage(), e);
    }
    // No styles: numbers are passed as the digits stored in the file, never formatted.
    parser.setContentHandler(new XSSFSheetXMLHandler(null, null, strings, new XlsxCells(visitor),
        new DataFormatter(), false));
    parser.parse(new InputSource(in));
  }

  private void streamXlsb(XSSFBReader r, InputStream in, ExcelCellVisitor visitor) throws IOException {
    XSSFBStylesTable styles = r.getXSSFBStylesTable();
    XSSFBSharedStringsTable strings;
    try {
      strings = new XSSFBSharedStringsTable(pkg);
    } catch (SAXException e) {
      throw new IOException(e);
    }
    new XSSFBSheetHandler(in, styles, null, strings, new XlsbCells(visitor), false).parse();
  }

  @Override
  public void close() {
    pkg.revert();
  }

  /** 0-based column of an A1-style reference ({@code E7} → 4). */
  static int column(String ref) {
    int col = 0;
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        col = col * 26 + (c - 'A' + 1);
      } else if (c != '$') {
        break;
      }
    }
    return col - 1;
  }

  /** Excel's name of a 0-based column: 0 → A, 26 → AA. */
  static String columnName(int col) {
    StringBuilder sb = new StringBuilder();
    for (int c = col + 1; c > 0; c = (c - 1) / 26) {
      sb.append((char) ('A' + (c - 1) % 26));
    }
    return sb.reverse().toString();
  }

  /** Excel's name of a cell: row 6, column 4 → E7. */
  static String cellName(int row, int col) {
    return columnName(col) + (row + 1);
  }

  /** xlsx cells: text as is, a cell whose stored value reads as a number as that number. */
  private static final class XlsxCells implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final ExcelCellVisitor visitor;
    private int row;
    private int lastCol;

    XlsxCells(ExcelCellVisitor visitor) { this.visitor = visitor; }

    @Override
    public void startRow(int rowNum) {
      row = rowNum;
      lastCol = -1;
    }

    @Override
    public void endRow(int rowNum) {}

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int col = ref == null ? lastCol + 1 : column(ref);
      lastCol = col;
      if (value == null) {
        return;
      }
      if (!value.isEmpty() && startsLikeNumber(value.charAt(0))) {
        try {
          visitor.number(row, col, Double.parseDouble(value));
          return;
        } catch (NumberFormatException e) {
          // text that starts like a number ("1st")
        }
      }
      visitor.text(row, col, value);
    }

    private static boolean startsLikeNumber(char c) {
      return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.';
    }
  }

  /** xlsb cells: the handler gives doubles as doubles. */
  private static final class XlsbCells implements XSSFBSheetHandler.XSSFBSheetContentsHandler {
    private final ExcelCellVisitor visitor;
    private int row;

    XlsbCells(ExcelCellVisitor visitor) { this.visitor = visitor; }

    @Override
    public void startRow(int rowNum) { row = rowNum; }

    @Override
    public void endRow(int rowNum) {}

    @Override
    public void stringCell(String ref, String value, XSSFComment comment) {
      if (value != null) {
        visitor.text(row, column(ref), value);
      }
    }

    @Override
    public void doubleCell(String ref, double value, XSSFComment comment,
        org.apache.poi.ss.usermodel.ExcelNumberFormat nf) {
      visitor.number(row, column(ref), value);
    }

    @Override
    public void booleanCell(String ref, boolean value, XSSFComment comment) {
      visitor.text(row, column(ref), value ? "TRUE" : "FALSE");
    }

    @Override
    public void errorCell(String ref, FormulaError fe, XSSFComment comment) {
      visitor.text(row, column(ref), fe == null ? "#ERROR" : fe.getString());
    }

    @Override
    public void headerFooter(String text, boolean isHeader, String tagName) {}

    @Override
    public void endSheet() {}
  }
}
