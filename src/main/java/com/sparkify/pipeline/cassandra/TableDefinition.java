package com.sparkify.pipeline.cassandra;

import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.sparkify.pipeline.tables.QueryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two definitions of a table the same for the job: partition key, clustering key with its order,
 * and the declared columns with their CQL types, all by the names Cassandra stores. Columns a table has beyond
 * the declared ones do not matter: the job does not write them.
 */
record TableDefinition(List<String> partitionKey, List<String> clusteringKey, Map<String, String> columnTypes) {

  static TableDefinition of(QueryTable table) {
    Map<String, String> types = new TreeMap<>();
    table.columns().forEach(column -> types.put(QueryTable.stored(column), QueryTable.cqlType(column)));
    List<String> clustering = new ArrayList<>();
    QueryTable.stored(table.clusteringKey()).forEach(column -> clustering.add(column + " " + ClusteringOrder.ASC));
    return new TableDefinition(QueryTable.stored(table.partitionKey()), clustering, types);
  }

  /** The existing table, restricted to the columns the declaration could name. */
  static TableDefinition of(TableMetadata existing) {
    List<String> partition = existing.getPartitionKey().stream().map(column -> column.getName().asInternal()).toList();
    List<String> clustering = new ArrayList<>();
    existing.getClusteringColumns().forEach((column, order) -> clustering.add(column.getName().asInternal() + " " + order));
    Map<String, String> types = new TreeMap<>();
    for (ColumnMetadata column : existing.getColumns().values()) {
      String name = column.getName().asInternal();
      if (!partition.contains(name) && existing.getClusteringColumns().keySet().stream().noneMatch(c -> c.getName().asInternal().equals(name))) {
        types.put(name, column.getType().asCql(false, true));
      }
    }
    return new TableDefinition(partition, clustering, types);
  }

  /** "PRIMARY KEY ((userid), song ASC) WITH firstname text, lastname text": both sides of a mismatch alike. */
  @Override
  public String toString() {
    return "PRIMARY KEY ((" + String.join(", ", partitionKey) + ")" + (clusteringKey.isEmpty() ? "" : ", " + String.join(", ", clusteringKey))
        + ")" + (columnTypes.isEmpty() ? "" : " WITH " + columnTypes.entrySet().stream()
            .map(column -> column.getKey() + " " + column.getValue()).collect(java.util.stream.Collectors.joining(", ")));
  }

  /** Same keys, and every declared column there with its type. */
  boolean admits(TableDefinition declared) {
    return partitionKey.equals(declared.partitionKey) && clusteringKey.equals(declared.clusteringKey)
        && declared.columnTypes.entrySet().stream().allMatch(column -> column.getValue().equals(columnTypes.get(column.getKey())));
  }
}
