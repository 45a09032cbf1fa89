package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import com.sparkify.pipeline.read.EventColumns;
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

  /** The song rows with their 17 columns only. */
  public static Dataset<Row> keep(Dataset<Row> classified) {
    return classified
        .filter(not(rejected()).and(not(withoutArtist())))
        .select(EventColumns.NAMES.stream().map(functions::col).toArray(Column[]::new));
  }
}
