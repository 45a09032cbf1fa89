package com.sparkify.pipeline.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** Opens one event log as text, decompressing *.gz, on the driver (headers) and executors (rows) alike. */
final class LogFiles {
  private LogFiles() {}

  /** Invalid UTF-8 byte sequences become U+FFFD, never an error. */
  static Reader open(Configuration hadoop, Path file) throws IOException {
    InputStream in = file.getFileSystem(hadoop).open(file);
    try {
      CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(file);
      return new InputStreamReader(codec == null ? in : codec.createInputStream(in), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
