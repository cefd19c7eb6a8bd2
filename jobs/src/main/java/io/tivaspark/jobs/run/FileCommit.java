package io.tivaspark.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tivaspark.jobs.store.Column;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.Action$;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Commits a run's staged year files into a curated Delta table without rewriting them.
 *
 * <p>The year tasks stage each year's rows as one Parquet file in the table's physical layout
 * ({@link OutputTable#fileColumns()}). For each table the driver then, in one Delta transaction
 * ({@link #replaceYears}): creates the table if it does not exist yet (this commit is its version
 * 0), reads the live files of the years being replaced from the snapshot the transaction started
 * from ({@link #liveFiles}), moves (renames) every staged file into {@code <table>/year=<Y>/}
 * under a fresh unique name, and commits one {@code AddFile} per new file (with numRecords,
 * min/max and null counts taken from the file's Parquet footer) and one {@code RemoveFile} per
 * replaced file, recorded as a {@code WRITE} (overwrite, the {@code year IN (...)} predicate) like
 * Spark's {@code replaceWhere}. Readers see the table before or after that commit, never between:
 * a moved file is invisible until the commit references it, and a file the run moved but never
 * committed (a crash between the move and the commit) is an orphan that {@code VACUUM} deletes.
 * So the move need not be atomic: on object stores, where it is a copy and a delete, the Delta
 * commit is still the only publication ({@link #move}).
 *
 * <p>Tables whose layout the staged files do not match (other columns or types, column mapping,
 * CHECK constraints, generated columns, append-only) are written through the DataFrame path
 * instead ({@link #replaceWithDataFrame}), as is {@code quality_checks} when a run computes only
 * some families (only their rows of a year are replaced).
 */
final class FileCommit {
  private static final Logger LOG = LoggerFactory.getLogger(FileCommit.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Delta's default prefix length for string statistics; longer values get no min/max here. */
  private static final int STRING_STATS_LENGTH = 32;

  private FileCommit() {}

  /** One staged file of one year and the rows its year task wrote into it. */
  record Staged(int year, Path file, long rows) {}

  /** What a commit did: the table version it created, files added and removed, rows added. */
  record Outcome(long version, int added, int removed, long rows) {}

  /** The Delta schema of a table: year, the key and value columns, run_id (nullable, as Spark writes it). */
  static StructType schema(OutputTable t) {
    StructType s = new StructType();
    for (Column c : t.columns()) {
      s = s.add(c.name(), sparkType(c.type()), true);
    }
    return s.add("run_id", DataTypes.StringType, true);
  }

  private static DataType sparkType(Column.Type type) {
    return switch (type) {
      case STRING -> DataTypes.StringType;
      case DOUBLE -> DataTypes.DoubleType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }

  /**
   * The Delta metadata of a new table: its schema ({@link #schema}), partitioned by year, no table
   * properties (session defaults such as {@code spark.databricks.delta.properties.defaults.*} are
   * applied by {@code updateMetadataForNewTable}, as Spark's writer applies them). Built from its
   * JSON log form by Delta's own reader, like {@link #addFile}.
   */
  static Metadata newTableMetadata(OutputTable t) {
    ObjectNode md = JSON.createObjectNode();
    md.put("id", UUID.randomUUID().toString());
    ObjectNode format = md.putObject("format");
    format.put("provider", "parquet");
    format.putObject("options");
    md.put("schemaString", schema(t).json());
    md.putArray("partitionColumns").add("year");
    md.putObject("configuration");
    md.put("createdTime", System.currentTimeMillis());
    return (Metadata) fromLog("metaData", md);
  }

  /** The action whose JSON log entry is {@code {"<kind>": body}}, parsed by Delta's own log reader. */
  private static Action fromLog(String kind, ObjectNode body) {
    ObjectNode action = JSON.createObjectNode();
    action.set(kind, body);
    try {
      return Action$.MODULE$.fromJson(JSON.writeValueAsString(action));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Why the table cannot take the staged files as they are, or null when it can. */
  static String unsupported(Metadata m, OutputTable t) {
    List<String> parts = CollectionConverters.asJava(m.partitionColumns());
    if (!parts.equals(List.of("year"))) {
      return "partitioned by " + parts + ", not [year]";
    }
    if (!m.columnMappingMode().equals(NoMapping$.MODULE$)) {
      return "column mapping mode " + m.columnMappingMode().name();
    }
    Map<String, String> conf = CollectionConverters.asJava(m.configuration());
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (e.getKey().startsWith("delta.constraints.")) {
        return "CHECK constraint " + e.getKey();
      }
      if (e.getKey().equals("delta.appendOnly") && e.getValue().equalsIgnoreCase("true")) {
        return "delta.appendOnly = true";
      }
    }
    StructType want = schema(t);
    StructType have = m.schema();
    if (have.fields().length != want.fields().length) {
      return "columns " + List.of(have.fieldNames()) + ", expected " + List.of(want.fieldNames());
    }
    for (StructField w : want.fields()) {
      StructField h = have.fields()[have.fieldIndex(w.name())];
      if (!h.dataType().equals(w.dataType())) {
        return "column " + w.name() + " is " + h.dataType().simpleString() + ", expected " + w.dataType().simpleString();
      }
      if (!h.metadata().json().equals("{}")) {
        return "column " + w.name() + " has metadata " + h.metadata().json() + " (generated, identity, ...)";
      }
    }
    return null;
  }

  /**
   * Replaces the staged years of the table with the staged files, in one Delta transaction.
   * Returns null, having changed nothing, when the table's layout does not match the staged files
   * ({@link #unsupported}); the caller then uses {@link #replaceWithDataFrame}.
   */
  static Outcome replaceYears(SparkSession spark, Path table, OutputTable t, List<Staged> staged,
      CommitListener listener) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long t0 = System.nanoTime();
    DeltaLog log = DeltaLog.forTable(spark, table);
    OptimisticTransaction txn = log.startTransaction();
    long t1 = System.nanoTime();
    boolean created = txn.readVersion() < 0;
    if (created) { // the first run into this warehouse: the table's version 0 is this commit
      txn.updateMetadataForNewTable(newTableMetadata(t));
    } else {
      String why = unsupported(txn.metadata(), t);
      if (why != null) {
        LOG.warn("table {}: {}; committing through Spark's writer (rewrites the rows)", t.tableName(), why);
        return null;
      }
    }
    TreeSet<Integer> years = staged.stream().map(Staged::year).collect(Collectors.toCollection(TreeSet::new));
    String predicate = "year IN (" + years.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";

    // the live files of those years in the transaction's snapshot: removed by the commit
    Expression filter = CatalystSqlParser$.MODULE$.parseExpression(predicate);
    List<AddFile> live = created ? List.of() : liveFiles(txn, years, filter);
    long now = System.currentTimeMillis();
    List<Action> actions = new ArrayList<>();
    for (AddFile f : live) {
      int y = Integer.parseInt(f.partitionValues().apply("year"));
      if (!years.contains(y)) {
        throw new IllegalStateException("Delta returned file " + f.path() + " of year " + y + " for " + predicate);
      }
      actions.add(f.removeWithTimestamp(now, true));
    }
    int removed = actions.size();
    long t2 = System.nanoTime();

    // the new files: moved, not rewritten
    FileSystem tableFs = table.getFileSystem(conf);
    long rows = 0;
    int added = 0;
    for (Staged s : staged) {
      FileSystem stagingFs = s.file().getFileSystem(conf);
      FileStats stats = FileStats.read(conf, s.file());
      if (stats.rows != s.rows()) {
        // nothing of this table is committed; files already moved are orphans (VACUUM)
        throw new IOException("staged file " + s.file() + " has " + stats.rows + " rows, its year task wrote "
            + s.rows() + " (changed by another process?); " + t.tableName() + " was not committed, rerun");
      }
      if (stats.rows == 0) {
        stagingFs.delete(s.file(), false); // no rows (e.g. no footprints without satellite accounts)
        continue;
      }
      String rel = "year=" + s.year() + "/part-00000-" + UUID.randomUUID() + ".c000.snappy.parquet";
      Path dst = new Path(table, rel);
      FileStatus st = move(conf, stagingFs, s.file(), tableFs, dst);
      actions.add(addFile(rel, s.year(), st.getLen(), st.getModificationTime(), stats.json()));
      rows += stats.rows;
      added++;
    }
    long t3 = System.nanoTime();
    listener.beforeCommit(t.tableName());
    long version = txn.commit(seq(actions), writeOperation(predicate));
    long t4 = System.nanoTime();
    LOG.debug("{}: snapshot {} ms, live files {} ms, move+stats {} ms, commit {} ms", t.tableName(),
        (t1 - t0) / 1000000, (t2 - t1) / 1000000, (t3 - t2) / 1000000, (t4 - t3) / 1000000);
    return new Outcome(version, added, removed, rows);
  }

  /**
   * The live files of {@code years} in the transaction's snapshot, registered with the
   * transaction as read (the predicate and the files) for Delta's conflict check, as
   * {@code OptimisticTransaction.filterFiles} registers them. Taken from the snapshot's version
   * checksum ({@code _delta_log/<version>.crc}) when Delta stored the table's whole file list there
   * (it does for tables of up to {@code spark.databricks.delta.allFilesInCrc.thresholdNumFiles}
   * files, {@link io.tivaspark.jobs.cli.SparkSessions} raises it to 1000: a table here has one file
   * per year), so no Spark job runs; else through {@code filterFiles}, whose log replay is a Spark
   * job (0.6-1 s a table on 2 cores, most of a small run's commit time).
   */
  static List<AddFile> liveFiles(OptimisticTransaction txn, Set<Integer> years, Expression filter) {
    List<AddFile> all = checksumFiles(txn.snapshot());
    if (all == null) {
      return CollectionConverters.asJava(txn.filterFiles(seq(List.of(filter)), true));
    }
    List<AddFile> live = new ArrayList<>();
    for (AddFile f : all) {
      Option<String> y = f.partitionValues().get("year");
      if (y.isDefined() && years.contains(Integer.parseInt(y.get()))) {
        live.add(f);
      }
    }
    txn.trackReadPredicates(seq(List.of(filter)), txn.trackReadPredicates$default$2(),
        txn.trackReadPredicates$default$3());
    txn.trackFilesRead(seq(live));
    return live;
  }

  /**
   * Every live file of the snapshot: the checksum's file list when Delta stored it (no Spark
   * job), else Delta's state reconstruction.
   */
  static List<AddFile> allFiles(Snapshot snapshot) {
    List<AddFile> all = checksumFiles(snapshot);
    return all != null ? all : snapshot.allFiles().collectAsList();
  }

  /** The file list of the snapshot's checksum ({@code <version>.crc}), or null when it has none. */
  private static List<AddFile> checksumFiles(Snapshot snapshot) {
    Option<VersionChecksum> crc = snapshot.checksumOpt();
    if (crc.isEmpty() || crc.get().allFiles().isEmpty() || crc.get().allFiles().get().size() != crc.get().numFiles()) {
      return null;
    }
    return CollectionConverters.asJava(crc.get().allFiles().get());
  }

  /**
   * Per year, the run ids in the rows of the Delta table at {@code table}, read from the file
   * statistics in its log (each file's {@code run_id} minimum and maximum, null count and row
   * count: a file whose minimum equals its maximum and has no null holds that one run id), so the
   * table's rows are not scanned. Null when some file's statistics do not settle it (several run
   * ids or nulls in one file, statistics missing or truncated); the caller then reads the rows.
   */
  static Map<Integer, Set<String>> runIdsFromStats(SparkSession spark, Path table) throws IOException {
    Map<Integer, Set<String>> out = new TreeMap<>();
    for (AddFile f : allFiles(DeltaLog.forTable(spark, table).update(false, Option.empty(), Option.empty()))) {
      JsonNode st = f.stats() == null ? null : JSON.readTree(f.stats());
      if (st == null || !st.has("numRecords")) {
        return null;
      }
      if (st.get("numRecords").asLong() == 0) {
        continue;
      }
      JsonNode lo = st.path("minValues").path("run_id");
      JsonNode hi = st.path("maxValues").path("run_id");
      if (!lo.isTextual() || !lo.equals(hi) || st.path("nullCount").path("run_id").asLong(-1) != 0
          || lo.asText().length() >= STRING_STATS_LENGTH) {
        return null;
      }
      Option<String> y = f.partitionValues().get("year");
      if (y.isEmpty()) {
        return null;
      }
      out.computeIfAbsent(Integer.parseInt(y.get()), k -> new TreeSet<>()).add(lo.asText());
    }
    return out;
  }

  /**
   * The DataFrame path: reads the staged files (adding their year) and writes them with
   * {@code replaceWhere} (one transaction, the rows re-encoded). For quality_checks, whose
   * replaced rows are those of the families run, and for tables {@link #replaceYears} refuses.
   */
  static void replaceWithDataFrame(SparkSession spark, Path table, OutputTable t, List<Staged> staged,
      String where) {
    Dataset<Row> df = null;
    for (Staged s : staged) {
      Dataset<Row> d = spark.read().parquet(s.file().toString()).withColumn("year", functions.lit(s.year()));
      df = df == null ? d : df.unionByName(d);
    }
    df = df.selectExpr(t.deltaColumns().stream().map(c -> "`" + c + "`").toArray(String[]::new));
    df.write().format("delta").mode("overwrite").option("replaceWhere", where).partitionBy("year")
        .save(table.toString());
  }

  /**
   * Moves a staged file to its place in the table. Correctness does not need the move to be atomic:
   * on object stores (S3, GCS, ABFS without a hierarchical namespace) a rename is a server-side copy
   * then a delete, but the destination is a fresh, unique name that no Delta snapshot references
   * until this table's commit adds it, and a copy is published whole or not at all (an S3 object
   * appears only when its PUT, copy or multipart upload completes). A crash in the middle leaves at
   * most an unreferenced file in the table (an orphan for VACUUM) and the staged file (removed with
   * the staging by the next run); the moved file's length is checked against the staged one before
   * its AddFile is built, so a short copy fails the table's commit instead of being published.
   * Returns the moved file's status.
   */
  private static FileStatus move(Configuration conf, FileSystem srcFs, Path src, FileSystem dstFs, Path dst)
      throws IOException {
    long staged = srcFs.getFileStatus(src).getLen();
    moveBytes(conf, srcFs, src, dstFs, dst);
    FileStatus moved = dstFs.getFileStatus(dst);
    if (moved.getLen() != staged) {
      throw new IOException("moved file " + dst + " has " + moved.getLen() + " bytes, the staged file " + src + " had "
          + staged);
    }
    return moved;
  }

  private static void moveBytes(Configuration conf, FileSystem srcFs, Path src, FileSystem dstFs, Path dst)
      throws IOException {
    if (srcFs.getUri().equals(dstFs.getUri())) {
      dstFs.mkdirs(dst.getParent());
      if (!dstFs.rename(src, dst)) {
        throw new IOException("could not move staged file " + src + " to " + dst);
      }
    } else if (!FileUtil.copy(srcFs, src, dstFs, dst, false, conf)) { // tiva.run.staging-dir on another store
      throw new IOException("could not copy staged file " + src + " to " + dst);
    }
  }

  /**
   * The AddFile of a moved file, built from its JSON form by Delta's own log reader
   * ({@code Action.fromJson}): the fields given here are set, every other field (tags, deletion
   * vector, row ids, clustering, ...) takes the default Delta gives a log entry that lacks it. Unlike
   * the constructor (13 parameters in Delta 4.4) this does not change when Delta adds a field.
   */
  static AddFile addFile(String relPath, int year, long size, long modificationTime, String stats) {
    ObjectNode add = JSON.createObjectNode();
    add.put("path", relPath);
    add.putObject("partitionValues").put("year", String.valueOf(year));
    add.put("size", size);
    add.put("modificationTime", modificationTime);
    add.put("dataChange", true);
    add.put("stats", stats);
    return (AddFile) fromLog("add", add);
  }

  /**
   * The commit's operation: Delta's own {@code WRITE} (mode Overwrite, partitionBy [year], the
   * {@code year IN (...)} predicate), as Spark's replaceWhere records it. Built through the case
   * class's public constructor found by reflection, its first three parameters (mode,
   * partitionBy, predicate) given and every later one, all {@code Option}s defaulting to
   * {@code None} in Delta 4.x (userMetadata, isDynamicPartitionOverwrite, canOverwriteSchema,
   * canMergeSchema, replaceOnCond, replaceUsingCols), set to {@code None}: an {@code Option} Delta
   * adds later is handled too, without Scala's position-numbered synthetic default methods; a
   * parameter of another type fails here, loudly, naming it.
   */
  static DeltaOperations.Operation writeOperation(String predicate) {
    for (Constructor<?> c : DeltaOperations.Write.class.getConstructors()) {
      Class<?>[] types = c.getParameterTypes();
      if (types.length < 3 || types[0] != SaveMode.class || types[1] != Option.class || types[2] != Option.class) {
        continue;
      }
      Object[] args = new Object[types.length];
      args[0] = SaveMode.Overwrite;
      args[1] = Option.apply(seq(List.of("year")));
      args[2] = Option.apply(predicate);
      for (int i = 3; i < types.length; i++) {
        if (types[i] != Option.class) {
          throw new IllegalStateException("this Delta version's DeltaOperations.Write has parameter " + (i + 1)
              + " of type " + types[i].getName() + ", not Option: FileCommit.writeOperation needs updating");
        }
        args[i] = Option.empty();
      }
      try {
        return (DeltaOperations.Operation) c.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("building Delta's WRITE operation", e);
      }
    }
    throw new IllegalStateException("this Delta version has no DeltaOperations.Write(SaveMode, Option, Option, ...)");
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }

  /**
   * The row groups in the footer of {@code file}, read with {@code conf}: Parquet's option-less
   * {@code open} would load a new Hadoop {@code Configuration} (its XML resources) for every file.
   */
  private static List<BlockMetaData> blocks(Configuration conf, Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf),
        HadoopReadOptions.builder(conf, file).build())) {
      return r.getFooter().getBlocks();
    }
  }

  /** Delta file statistics (numRecords, minValues, maxValues, nullCount) from a Parquet footer. */
  record FileStats(long rows, Map<String, Object> min, Map<String, Object> max, Map<String, Long> nulls) {
    static FileStats read(Configuration conf, Path file) throws IOException {
      Map<String, Statistics<?>> merged = new LinkedHashMap<>();
      long rows = 0;
      Set<String> incomplete = new TreeSet<>();
      for (BlockMetaData b : blocks(conf, file)) {
        rows += b.getRowCount();
        for (ColumnChunkMetaData c : b.getColumns()) {
          String name = c.getPath().toDotString();
          Statistics<?> s = c.getStatistics();
          if (s == null || s.isEmpty() && c.getValueCount() > 0) {
            incomplete.add(name);
            continue;
          }
          Statistics<?> m = merged.get(name);
          if (m == null) {
            merged.put(name, s.copy());
          } else {
            mergeInto(m, s);
          }
        }
      }
      Map<String, Object> min = new LinkedHashMap<>();
      Map<String, Object> max = new LinkedHashMap<>();
      Map<String, Long> nulls = new LinkedHashMap<>();
      for (Map.Entry<String, Statistics<?>> e : merged.entrySet()) {
        String name = e.getKey();
        Statistics<?> s = e.getValue();
        if (incomplete.contains(name)) {
          continue;
        }
        if (s.isNumNullsSet()) {
          nulls.put(name, s.getNumNulls());
        }
        if (!s.hasNonNullValue()) {
          continue;
        }
        Object lo = value(s.genericGetMin());
        Object hi = value(s.genericGetMax());
        if (lo == null || hi == null) {
          continue; // booleans (Delta keeps no min/max for them), long strings, non-finite doubles
        }
        min.put(name, lo);
        max.put(name, hi);
      }
      return new FileStats(rows, min, max, nulls);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mergeInto(Statistics m, Statistics s) {
      m.mergeStatistics(s);
    }

    private static Object value(Object v) {
      if (v instanceof Binary b) {
        String s = b.toStringUsingUTF8();
        return s.length() <= STRING_STATS_LENGTH ? s : null;
      }
      if (v instanceof Double d) {
        return Double.isFinite(d) ? d : null;
      }
      if (v instanceof Integer || v instanceof Long) {
        return v;
      }
      return null;
    }

    String json() {
      ObjectNode o = JSON.createObjectNode();
      o.put("numRecords", rows);
      ObjectNode lo = o.putObject("minValues");
      ObjectNode hi = o.putObject("maxValues");
      ObjectNode nc = o.putObject("nullCount");
      min.forEach((k, v) -> lo.set(k, JSON.valueToTree(v)));
      max.forEach((k, v) -> hi.set(k, JSON.valueToTree(v)));
      nulls.forEach(nc::put);
      try {
        return JSON.writeValueAsString(o);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
