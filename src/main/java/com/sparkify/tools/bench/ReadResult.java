package com.sparkify.tools.bench;

/** One table's read latencies in one state of the node, from one round. */
record ReadResult(String state, ReadLatency.Figures figures) {
  static final String IDLE = "idle node";
  static final String DURING_CQL = "during a cql-mode load";
  static final String DURING_SSTABLE = "during an sstable-mode load";
}
