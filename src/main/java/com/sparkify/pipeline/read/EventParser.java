package com.sparkify.pipeline.read;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.errors.Failures;
import com.sparkify.pipeline.errors.SparkifyException;
import com.sparkify.pipeline.tables.EventColumns;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the accepted files' rows on the executors, each file whole in one task, streaming: every physical record
 * becomes a row of the 17 text columns plus its file, line, original text and any problem the reader saw.
 * Nothing is dropped here; deciding what a row is worth is the transforms' business.
 */
public final class EventParser {
  public static final StructType SCHEMA = schema();
  /** Which of the 17 columns hold text, the only ones mojibake can hide in. */
  private static final boolean[] TEXT = textColumns();

  private EventParser() {}

  /**
   * @param repairMojibake whether to repair text that was once or twice decoded as Latin-1 ({@link Mojibake})
   * @param fallbackEncoding the charset of lines that are not UTF-8; empty: such lines are rejected (BAD_ENCODING)
   */
  public static Dataset<Row> parse(
      SparkSession spark, List<EventFile> files, int maxRecordChars, boolean repairMojibake, String fallbackEncoding) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows =
        context
            // contiguous slices keep the files' order; a task per file would cost more than small files do
            .parallelize(files, Math.max(1, Math.min(files.size(), 2 * context.defaultParallelism())))
            .mapPartitions(new FileRows(new HadoopConf(spark.sparkContext().hadoopConfiguration()), maxRecordChars,
                repairMojibake, fallbackEncoding));
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * Runs the action that reads the input: a read the file system failed on every attempt Spark made fails the
   * run as the input problem its task named (exit 3), not as Spark's stage failure.
   */
  public static <T> T reading(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof SparkifyException known) {
          throw new SparkifyException(known.status(), known.getMessage() + " (on every attempt Spark made)", e);
        }
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }

  private static boolean[] textColumns() {
    boolean[] text = new boolean[EventColumns.NAMES.size()];
    for (int i = 0; i < text.length; i++) {
      text[i] = EventColumns.SCHEMA.fields()[i].dataType().equals(DataTypes.StringType);
    }
    return text;
  }

  private static StructType schema() {
    StructType schema = new StructType();
    for (String name : EventColumns.NAMES) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return schema
        .add(ParsedColumns.FILE, DataTypes.StringType, false)
        .add(ParsedColumns.LINE, DataTypes.LongType, false)
        .add(ParsedColumns.RAW, DataTypes.StringType, true)
        .add(ParsedColumns.PROBLEM, DataTypes.StringType, true)
        .add(ParsedColumns.FALLBACK, DataTypes.BooleanType, false)
        .add(ParsedColumns.REPAIRED, DataTypes.BooleanType, false);
  }

  /** The rows of the files of one partition, one file after the other. */
  private record FileRows(HadoopConf hadoop, int maxRecordChars, boolean repairMojibake, String fallbackEncoding)
      implements FlatMapFunction<Iterator<EventFile>, Row> {
    @Override
    public Iterator<Row> call(Iterator<EventFile> files) {
      return new Iterator<>() {
        private RowIterator current;

        @Override
        public boolean hasNext() {
          while ((current == null || !current.hasNext()) && files.hasNext()) {
            current = new RowIterator(files.next(), hadoop.get(), maxRecordChars, repairMojibake, fallbackEncoding);
          }
          return current != null && current.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return current.next();
        }
      };
    }
  }

  /** Streams one file: memory stays bounded by one record whatever the file's size. */
  private static final class RowIterator implements Iterator<Row> {
    private final EventFile file;
    private final Configuration hadoop;
    private final int maxRecordChars;
    private final boolean repairMojibake;
    private final String fallbackEncoding;
    private LineDecoder decoder;
    private CsvRecordReader reader;
    private Row next;
    private boolean done;
    private long lastLine = 1;

    RowIterator(EventFile file, Configuration hadoop, int maxRecordChars, boolean repairMojibake, String fallbackEncoding) {
      this.file = file;
      this.hadoop = hadoop;
      this.maxRecordChars = maxRecordChars;
      this.repairMojibake = repairMojibake;
      this.fallbackEncoding = fallbackEncoding;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    private Row advance() {
      try {
        if (reader == null) {
          decoder = LogFiles.open(hadoop, new Path(file.path()), fallbackEncoding);
          reader = new CsvRecordReader(decoder, maxRecordChars);
          decoding(reader.next()); // the header, checked on the driver
        }
        CsvRecord record = reader.next();
        if (record == null) {
          close();
          return null;
        }
        lastLine = record.line();
        return row(record);
      } catch (IOException | RuntimeException e) {
        close();
        if (FileSystemFailure.in(e).isPresent()) {
          // may pass on the next attempt: the task fails, Spark retries it, and a read that fails on every
          // attempt fails the run (reading)
          throw new SparkifyException(ExitStatus.INPUT_PROBLEM, file.path() + " could not be read past line " + lastLine
              + ", the file system failed: " + Failures.rootMessage(e), e);
        }
        // a file that breaks off (a gzip cut short, a corrupt stream): the driver leaves its rows out of every
        // output, and this row says where it broke
        return failure(RejectReason.READ_ERROR.name(), lastLine + 1, Failures.rootMessage(e));
      }
    }

    private Row row(CsvRecord record) {
      Object[] values = new Object[SCHEMA.size()];
      LineDecoder.Decoding decoding = decoding(record);
      RejectReason reason = record.problem() == null && decoding == LineDecoder.Decoding.UNDECODABLE
          ? RejectReason.BAD_ENCODING : record.problem();
      String problem = reason == null ? null : reason.name();
      String[] fields = record.fields();
      if (problem == null && fields.length != file.fieldCount()) {
        problem = RejectReason.FIELD_COUNT.name();
      }
      boolean repaired = false;
      if (problem == null) {
        int[] columns = file.columns();
        for (int i = 0; i < columns.length; i++) {
          String value = fields[columns[i]];
          // here, not as a Spark function: a function per text column would cost a conversion per value
          String fixed = repairMojibake && TEXT[i] ? Mojibake.repair(value) : value;
          repaired |= fixed != value;
          values[i] = fixed;
        }
      }
      return accounted(values, record.line(), record.raw(), problem, decoding == LineDecoder.Decoding.FALLBACK, repaired);
    }

    /** How the record's lines were decoded; a record spans one line but for line breaks in its quotes. */
    private LineDecoder.Decoding decoding(CsvRecord record) {
      if (record == null || !decoder.anyMarked()) {
        return LineDecoder.Decoding.UTF_8;
      }
      return decoder.take(record.line() + record.raw().chars().filter(c -> c == '\n').count());
    }

    private Row failure(String problem, long line, String message) {
      return accounted(new Object[SCHEMA.size()], line, message, problem, false, false);
    }

    /** The row with the columns that account for it ({@link ParsedColumns}), after the 17 of the event. */
    private Row accounted(
        Object[] values, long line, String raw, String problem, boolean fallback, boolean repaired) {
      int extra = EventColumns.NAMES.size();
      values[extra] = file.path();
      values[extra + 1] = line;
      values[extra + 2] = raw;
      values[extra + 3] = problem;
      values[extra + 4] = fallback;
      values[extra + 5] = repaired;
      return RowFactory.create(values);
    }

    private void close() {
      done = true;
      try {
        if (reader != null) {
          reader.close();
        }
      } catch (IOException e) {
        // reading is over; a failing close loses nothing
      }
    }
  }

  /** Hadoop's Configuration is Writable, not Serializable; executors need the driver's (credentials, codecs). */
  private static final class HadoopConf implements Serializable {
    private transient Configuration conf;

    HadoopConf(Configuration conf) {
      this.conf = conf;
    }

    Configuration get() {
      return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      conf = new Configuration(false);
      conf.readFields(in);
    }
  }
}
