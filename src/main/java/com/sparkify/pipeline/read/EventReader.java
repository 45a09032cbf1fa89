package com.sparkify.pipeline.read;

import com.sparkify.pipeline.ExitStatus;
import com.sparkify.pipeline.SparkifyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads event-log files as one DataFrame of the 17 columns, all as text, columns matched by header name.
 * Files are grouped by their header so that each group is one parallel Spark read.
 */
public final class EventReader {
  private EventReader() {}

  public static Dataset<Row> read(SparkSession spark, List<Path> files) {
    Map<List<String>, List<String>> filesByHeader = groupByHeader(spark.sparkContext().hadoopConfiguration(), files);
    Dataset<Row> all = null;
    for (Map.Entry<List<String>, List<String>> group : filesByHeader.entrySet()) {
      Dataset<Row> part =
          spark
              .read()
              .schema(textSchema(group.getKey()))
              .option("header", "true")
              // the logs quote RFC 4180 style ("Weird Al"" Yankovic"); Spark's default escape is a backslash
              .option("escape", "\"")
              .option("mode", "PERMISSIVE")
              .csv(group.getValue().toArray(String[]::new))
              .select(EventColumns.NAMES.stream().map(functions::col).toArray(Column[]::new));
      all = all == null ? part : all.union(part);
    }
    return all;
  }

  private static Map<List<String>, List<String>> groupByHeader(Configuration hadoop, List<Path> files) {
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (Path file : files) {
      List<String> header = header(hadoop, file);
      List<String> missing = new ArrayList<>(EventColumns.NAMES);
      missing.removeAll(header);
      if (!missing.isEmpty()) {
        throw new SparkifyException(
            ExitStatus.INPUT_PROBLEM, "input file " + file + " lacks the column(s) " + missing + " in its header");
      }
      groups.computeIfAbsent(header, h -> new ArrayList<>()).add(file.toString());
    }
    return groups;
  }

  private static List<String> header(Configuration hadoop, Path file) {
    try {
      return CsvHeader.read(hadoop, file);
    } catch (IOException e) {
      throw new SparkifyException(ExitStatus.INPUT_PROBLEM, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static StructType textSchema(List<String> header) {
    StructType schema = new StructType();
    for (String name : header) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return schema;
  }
}
