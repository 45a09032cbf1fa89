package com.sparkify.pipeline.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;

import com.sparkify.pipeline.read.EventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** Repairs mojibake ({@link Mojibake}) in every text column and flags the rows it changed. */
public final class TextRepair {
  public static final String REPAIRED = "_repaired";
  private static final UserDefinedFunction REPAIR =
      udf((String text) -> Mojibake.repair(text), DataTypes.StringType);

  private TextRepair() {}

  private static boolean isText(String name) {
    return EventColumns.NAMES.contains(name)
        && EventColumns.SCHEMA.apply(name).dataType().equals(DataTypes.StringType);
  }

  public static Dataset<Row> apply(Dataset<Row> text, boolean enabled) {
    if (!enabled) {
      return text.withColumn(REPAIRED, lit(false));
    }
    List<Column> columns = new ArrayList<>();
    Column changed = lit(false);
    for (String name : text.columns()) {
      if (isText(name)) {
        Column repaired = REPAIR.apply(col(name));
        columns.add(repaired.as(name));
        changed = changed.or(not(repaired.eqNullSafe(col(name))));
      } else {
        columns.add(col(name));
      }
    }
    columns.add(changed.as(REPAIRED));
    return text.select(columns.toArray(Column[]::new));
  }
}
