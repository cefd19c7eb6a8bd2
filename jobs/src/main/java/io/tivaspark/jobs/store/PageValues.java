package io.tivaspark.jobs.store;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The values of one flat (not repeated) column chunk, decoded page by page straight from the
 * page's bytes with parquet-java's own value decoders (what its {@code ColumnReader} does inside,
 * without its per-value state machine): definition levels (RLE / bit-packed), then the values,
 * plain or dictionary ids. A reader asks for the next value with {@link #next()} (false: null) and
 * then reads it with {@link #dictionaryId()}, {@link #binary()} or {@link #real()}.
 */
final class PageValues {
  private final ColumnDescriptor column;
  private final PageReader pages;
  private final Dictionary dictionary;
  private final int maxDefinition;
  private int leftInPage;
  private Levels levels;
  private ValuesReader values;
  private boolean dictionaryPage;

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
    return levels.next() == maxDefinition;
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
    return values.readDouble();
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
        ValuesReader dl = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
        rl.initFromPage(v1.getValueCount(), in);
        dl.initFromPage(v1.getValueCount(), in);
        levels = dl::readInteger;
        openValues(v1.getValueEncoding(), in, v1.getValueCount());
      } else {
        DataPageV2 v2 = (DataPageV2) page;
        levels = rle(v2.getDefinitionLevels());
        openValues(v2.getDataEncoding(), v2.getData().toInputStream(), v2.getValueCount() - v2.getNullCount());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    leftInPage = page.getValueCount();
  }

  private void openValues(Encoding encoding, ByteBufferInputStream in, int count) throws IOException {
    dictionaryPage = encoding.usesDictionary();
    if (dictionaryPage && dictionary == null) {
      throw new IllegalStateException("column " + column + ": a dictionary-encoded page without a dictionary page");
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
