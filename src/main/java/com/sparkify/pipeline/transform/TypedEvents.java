package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;

import com.sparkify.pipeline.tables.EventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/** Gives the 17 text columns of the logs their types; any other column passes through unchanged. */
public final class TypedEvents {
  private TypedEvents() {}

  /** A value that does not parse becomes null; {@link Rejections} has named the row's problem before. */
  public static Dataset<Row> from(Dataset<Row> text) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : EventColumns.SCHEMA.fields()) {
      columns.add(typed(field).as(field.name()));
    }
    for (String name : text.columns()) {
      if (!EventColumns.NAMES.contains(name)) {
        columns.add(col(name));
      }
    }
    return text.select(columns.toArray(Column[]::new));
  }

  private static Column typed(StructField field) {
    Column text = col(field.name());
    if (field.dataType().equals(DataTypes.StringType)) {
      return text;
    }
    if (field.dataType().equals(DataTypes.LongType)) {
      // spreadsheets wrote epoch milliseconds as 1.54092E+12, which a plain toLong rejects
      return trim(text).cast(DataTypes.DoubleType).cast(DataTypes.LongType);
    }
    return trim(text).cast(field.dataType());
  }
}
