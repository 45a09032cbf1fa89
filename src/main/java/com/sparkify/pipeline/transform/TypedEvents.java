package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;

import com.sparkify.pipeline.read.EventColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Gives the text columns of the logs their types. */
public final class TypedEvents {
  private TypedEvents() {}

  /** A value that does not parse becomes null; what that means for the row is decided by {@link SongRows}. */
  public static Dataset<Row> from(Dataset<Row> text) {
    Column[] typed = new Column[EventColumns.SCHEMA.size()];
    StructField[] fields = EventColumns.SCHEMA.fields();
    for (int i = 0; i < fields.length; i++) {
      typed[i] = typed(fields[i]).as(fields[i].name());
    }
    return text.select(typed);
  }

  private static Column typed(StructField field) {
    Column text = col(field.name());
    if (field.dataType().equals(DataTypes.LongType)) {
      // spreadsheets wrote epoch milliseconds as 1.54092E+12, which a plain toLong rejects
      return text.cast(DataTypes.DoubleType).cast(DataTypes.LongType);
    }
    return text.cast(field.dataType());
  }
}
