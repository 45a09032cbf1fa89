package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.sparkify.pipeline.read.CsvRecord;
import com.sparkify.pipeline.read.CsvRecordReader;
import com.sparkify.pipeline.tables.EventColumns;
import com.sparkify.pipeline.tables.QueryTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of the job's events.csv as bound INSERTs, one per query table, for the loaders that write
 * without Spark. events.csv holds clean, typed song rows in the event log's column order, so parsing is plain.
 */
final class EventsCsvRows implements Iterator<List<BoundStatement>>, AutoCloseable {
  private final CsvRecordReader reader;
  private final List<QueryTable> tables;
  private final List<PreparedStatement> inserts;
  private CsvRecord next;

  /** @param inserts each table's INSERT, binding {@link QueryTable#allColumns()} in order */
  EventsCsvRows(Path eventsCsv, List<QueryTable> tables, List<PreparedStatement> inserts) throws IOException {
    this.reader = new CsvRecordReader(Files.newBufferedReader(eventsCsv, StandardCharsets.UTF_8), 65536);
    this.tables = tables;
    this.inserts = inserts;
    reader.next(); // header
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = reader.next();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return next != null;
  }

  /** The row's statements, one per table, in the tables' order. */
  @Override
  public List<BoundStatement> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String[] fields = next.fields();
    next = null;
    List<BoundStatement> statements = new ArrayList<>(tables.size());
    for (int t = 0; t < tables.size(); t++) {
      List<String> columns = tables.get(t).allColumns();
      Object[] values = new Object[columns.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = QueryTable.typed(columns.get(c), fields[EventColumns.NAMES.indexOf(columns.get(c))]);
      }
      statements.add(inserts.get(t).bind(values));
    }
    return statements;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
