package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import com.sparkify.pipeline.read.ParsedColumns;
import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** The rows that go to events.csv and both tables: not rejected, and with an artist. */
public final class SongRows {
  private SongRows() {}

  /** Page views (Home, Login, ...) carry no artist; an empty or blank artist counts as none. */
  public static Column withoutArtist() {
    Column artist = col(EventColumns.ARTIST);
    return artist.isNull().or(trim(artist).equalTo(""));
  }

  public static Column rejected() {
    return col(Rejections.REASON).isNotNull();
  }

  /**
   * The song rows with their 17 columns and their place in the input (file, line), which settles which of
   * two rows with one key and one time is the later one.
   */
  public static Dataset<Row> keep(Dataset<Row> classified) {
    List<String> columns = new ArrayList<>(EventColumns.NAMES);
    columns.add(ParsedColumns.FILE);
    columns.add(ParsedColumns.LINE);
    return classified
        .filter(not(rejected()).and(not(withoutArtist())))
        .select(columns.stream().map(functions::col).toArray(Column[]::new));
  }

  /** The 17 columns of the event only, as events.csv holds them. */
  public static Dataset<Row> eventColumns(Dataset<Row> songRows) {
    return songRows.select(EventColumns.NAMES.stream().map(functions::col).toArray(Column[]::new));
  }
}
