package io.tivaspark.jobs.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The values of one flat (not repeated) column chunk, decoded page by page straight from the
 * page's bytes with parquet-java's own value decoders (what its {@code ColumnReader} does inside,
 * without its per-value state machine): definition levels (RLE / bit-packed), then the values,
 * plain or dictionary ids. A page with no null (a required column, or V1 levels that are RLE runs
 * of the maximum only, seen from the run headers) reads no level per value, and such a page of
 * PLAIN doubles is decoded at once (docs/performance.md, issue 17 eighth pass). A reader asks for
 * the next value with {@link #next()} (false: null) and then reads it with {@link #dictionaryId()},
 * {@link #binary()} or {@link #real()}.
 */
final class PageValues {
  private final ColumnDescriptor column;
  private final PageReader pages;
  private final Dictionary dictionary;
  private final int maxDefinition;
  private int leftInPage;
  private Levels levels;
  /** the page has no null (no level is below the maximum): {@link #next()} reads no level */
  private boolean allPresent;
  private ValuesReader values;
  private boolean dictionaryPage;
  /** a page of PLAIN doubles with no null, decoded at once ({@link #real()} reads from it), else null */
  private double[] pageDoubles;
  private double[] doubleBuffer = new double[0];
  private int doubleAt;

  PageValues(ColumnDescriptor column, PageReader pages) {
    this.column = column;
    this.pages = pages;
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage dp = pages.readDictionaryPage();
    try {
      this.dictionary = dp == null ? null : dp.getEncoding().initDictionary(column, dp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The column chunk's dictionary, or null when it has none. */
  Dictionary dictionary() {
    return dictionary;
  }

  /** Moves to the next value; false when it is null. */
  boolean next() {
    if (leftInPage == 0) {
      nextPage();
    }
    leftInPage--;
    return allPresent || levels.next() == maxDefinition;
  }

  /** Whether the current page's values are dictionary ids. */
  boolean dictionaryEncoded() {
    return dictionaryPage;
  }

  int dictionaryId() {
    return values.readValueDictionaryId();
  }

  org.apache.parquet.io.api.Binary binary() {
    return values.readBytes();
  }

  double real() {
    return pageDoubles != null ? pageDoubles[doubleAt++] : values.readDouble();
  }

  private void nextPage() {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + column + ": fewer values than the row group's rows");
    }
    try {
      if (page instanceof DataPageV1 v1) {
        ByteBufferInputStream in = v1.getBytes().toInputStream();
        ValuesReader rl = v1.getRlEncoding().getValuesReader(column, ValuesType.REPETITION_LEVEL);
        rl.initFromPage(v1.getValueCount(), in);
        // levels all the maximum, seen from their RLE runs and skipped; else read by the level reader
        boolean levelsSkipped = maxDefinition > 0 && v1.getDlEncoding() == Encoding.RLE
            && rleAllMax(in, v1.getValueCount());
        if (!levelsSkipped) {
          ValuesReader dl = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
          dl.initFromPage(v1.getValueCount(), in);
          levels = dl::readInteger;
        }
        allPresent = maxDefinition == 0 || levelsSkipped;
        openValues(v1.getValueEncoding(), in, v1.getValueCount());
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        levels = rle(v2.getDefinitionLevels());
        allPresent = maxDefinition == 0;
        openValues(v2.getDataEncoding(), v2.getData().toInputStream(), v2.getValueCount() - v2.getNullCount());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    leftInPage = page.getValueCount();
  }

  /**
   * Whether a V1 page's RLE definition levels (4-byte length, then RLE / bit-packed runs) are all
   * the maximum, read from the runs' headers alone: true only when every run is an RLE run of the
   * maximum and the runs cover the page. The stream is then past the levels; otherwise (a bit-packed
   * run, a lower level, anything unexpected) it is left where it was, for the level reader.
   */
  private boolean rleAllMax(ByteBufferInputStream in, int count) throws IOException {
    in.mark(Integer.MAX_VALUE);
    int length = in.available() < 4 ? -1 : BytesUtils.readIntLittleEndian(in);
    int width = BytesUtils.getWidthFromMaxInt(maxDefinition);
    int valueBytes = (width + 7) / 8;
    ByteBuffer runs = length < 0 || length > in.available() ? null : in.slice(length);
    long covered = 0;
    while (runs != null && runs.hasRemaining() && covered < count) {
      int header = varint(runs);
      if (header < 0 || (header & 1) != 0 || runs.remaining() < valueBytes) {
        break;
      }
      int level = 0;
      for (int b = 0; b < valueBytes; b++) {
        level |= (runs.get() & 0xFF) << (8 * b);
      }
      if (level != maxDefinition) {
        break;
      }
      covered += header >>> 1;
    }
    if (runs != null && covered >= count) {
      return true;
    }
    in.reset();
    return false;
  }

  /** An unsigned LEB128 int of a run header; −1 when it runs past the buffer or past 32 bits. */
  private static int varint(ByteBuffer b) {
    int value = 0;
    for (int shift = 0; shift < 35 && b.hasRemaining(); shift += 7) {
      int x = b.get() & 0xFF;
      value |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return value;
      }
    }
    return -1;
  }

  /**
   * The page's values: a page of PLAIN doubles with no null is decoded at once into {@link
   * #pageDoubles} (a per-value {@code readDouble} went through a stream 8 bytes at a time); any
   * other page through parquet-java's value reader for its encoding.
   */
  private void openValues(Encoding encoding, ByteBufferInputStream in, int count) throws IOException {
    dictionaryPage = encoding.usesDictionary();
    if (dictionaryPage && dictionary == null) {
      throw new IllegalStateException("column " + column + ": a dictionary-encoded page without a dictionary page");
    }
    pageDoubles = null;
    if (allPresent && encoding == Encoding.PLAIN && column.getPrimitiveType().getPrimitiveTypeName()
        == PrimitiveType.PrimitiveTypeName.DOUBLE) {
      if ((long) count * 8 > in.available()) {
        throw new IOException("column " + column + ": a page of " + count + " doubles holds " + in.available()
            + " bytes");
      }
      if (doubleBuffer.length < count) {
        doubleBuffer = new double[count];
      }
      in.slice(count * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(doubleBuffer, 0, count);
      pageDoubles = doubleBuffer;
      doubleAt = 0;
      return;
    }
    values = dictionaryPage ? encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary)
        : encoding.getValuesReader(column, ValuesType.VALUES);
    values.initFromPage(count, in);
  }

  /** Definition levels of a V2 page (RLE / bit-packed hybrid, no length prefix); all 0 for a required column. */
  private Levels rle(BytesInput bytes) throws IOException {
    if (maxDefinition == 0) {
      return () -> 0;
    }
    RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(
        BytesUtils.getWidthFromMaxInt(maxDefinition), bytes.toInputStream());
    return () -> {
      try {
        return d.readInt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** The definition level of each value, in order. */
  private interface Levels {
    int next();
  }
}
