package com.sparkify.tools.bench;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.sparkify.pipeline.read.CsvRecord;
import com.sparkify.pipeline.read.CsvRecordReader;
import com.sparkify.pipeline.read.EventColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of the job's events.csv as bound INSERTs for both tables, for the loaders that write without
 * Spark. events.csv holds clean, typed song rows, so parsing is plain.
 */
final class EventsCsvRows implements Iterator<List<BoundStatement>>, AutoCloseable {
  private static final int SESSION_ID = EventColumns.NAMES.indexOf(EventColumns.SESSION_ID);
  private static final int ITEM = EventColumns.NAMES.indexOf(EventColumns.ITEM_IN_SESSION);
  private static final int USER_ID = EventColumns.NAMES.indexOf(EventColumns.USER_ID);
  private static final int ARTIST = EventColumns.NAMES.indexOf(EventColumns.ARTIST);
  private static final int SONG = EventColumns.NAMES.indexOf(EventColumns.SONG);
  private static final int LENGTH = EventColumns.NAMES.indexOf(EventColumns.LENGTH);
  private static final int FIRST_NAME = EventColumns.NAMES.indexOf(EventColumns.FIRST_NAME);
  private static final int LAST_NAME = EventColumns.NAMES.indexOf(EventColumns.LAST_NAME);

  private final CsvRecordReader reader;
  private final PreparedStatement sessionItem;
  private final PreparedStatement userSession;
  private CsvRecord next;

  EventsCsvRows(Path eventsCsv, PreparedStatement sessionItem, PreparedStatement userSession) throws IOException {
    this.reader = new CsvRecordReader(Files.newBufferedReader(eventsCsv, StandardCharsets.UTF_8), 65536);
    this.sessionItem = sessionItem;
    this.userSession = userSession;
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

  /** The row's two statements: session-item, then user-session. */
  @Override
  public List<BoundStatement> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String[] f = next.fields();
    next = null;
    int session = Integer.parseInt(f[SESSION_ID]);
    int item = Integer.parseInt(f[ITEM]);
    Double length = f[LENGTH] == null ? null : Double.valueOf(f[LENGTH]);
    return List.of(
        sessionItem.bind(session, item, f[ARTIST], f[SONG], length),
        userSession.bind(Integer.parseInt(f[USER_ID]), session, item, f[ARTIST], f[SONG], f[FIRST_NAME], f[LAST_NAME]));
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
