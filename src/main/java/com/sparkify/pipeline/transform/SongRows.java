package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import com.sparkify.pipeline.read.EventColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Sorts typed events into song rows, page views (no artist) and song rows unusable for lack of a key. */
public final class SongRows {
  private SongRows() {}

  /** Page views (Home, Login, ...) carry no artist; an empty or blank artist counts as none. */
  public static Column withoutArtist() {
    Column artist = col(EventColumns.ARTIST);
    return artist.isNull().or(trim(artist).equalTo(""));
  }

  /** A song row whose key columns of either query table are missing or were not integers. */
  public static Column missingKey() {
    return not(withoutArtist())
        .and(
            col(EventColumns.SESSION_ID)
                .isNull()
                .or(col(EventColumns.ITEM_IN_SESSION).isNull())
                .or(col(EventColumns.USER_ID).isNull()));
  }

  /** The rows that go to events.csv and to both tables. */
  public static Dataset<Row> keep(Dataset<Row> typed) {
    return typed.filter(not(withoutArtist()).and(not(missingKey())));
  }
}
