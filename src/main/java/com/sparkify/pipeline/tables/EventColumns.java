package com.sparkify.pipeline.tables;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The 17 columns of an event log, in the order the logs and events.csv carry them, with their types. */
public final class EventColumns {
  public static final String ARTIST = "artist";
  public static final String FIRST_NAME = "firstName";
  public static final String ITEM_IN_SESSION = "itemInSession";
  public static final String LAST_NAME = "lastName";
  public static final String LENGTH = "length";
  public static final String REGISTRATION = "registration";
  public static final String SESSION_ID = "sessionId";
  public static final String SONG = "song";
  public static final String TS = "ts";
  public static final String USER_ID = "userId";

  /** The typed schema of an event; every column is nullable because page views leave most of them empty. */
  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            field(ARTIST, DataTypes.StringType),
            field("auth", DataTypes.StringType),
            field(FIRST_NAME, DataTypes.StringType),
            field("gender", DataTypes.StringType),
            field(ITEM_IN_SESSION, DataTypes.IntegerType),
            field(LAST_NAME, DataTypes.StringType),
            field(LENGTH, DataTypes.DoubleType),
            field("level", DataTypes.StringType),
            field("location", DataTypes.StringType),
            field("method", DataTypes.StringType),
            field("page", DataTypes.StringType),
            field(REGISTRATION, DataTypes.LongType),
            field(SESSION_ID, DataTypes.IntegerType),
            field(SONG, DataTypes.StringType),
            field("status", DataTypes.IntegerType),
            field(TS, DataTypes.LongType),
            field(USER_ID, DataTypes.IntegerType)
          });

  public static final List<String> NAMES = List.of(SCHEMA.fieldNames());

  /** The header line of the logs and of events.csv. */
  public static final String HEADER = String.join(",", NAMES);

  private EventColumns() {}

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
