package com.sparkify.pipeline.read;

import static com.sparkify.pipeline.tables.EventColumns.HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparkify.testing.LogFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.GzipCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  private static final String ROW = "\"Weird Al\"\" Yankovic\",Logged In,Zoë,F,0,Lee,200.5,free,\"Austin, TX\",PUT,NextSong,"
      + "1.54092E+12,10,Uprising,200,1.54111E+12,3";
  @TempDir Path dir;

  /**
   * The JDK's gzip stream, which ends quietly where data that is not a gzip member follows one: a decompressor
   * that stops before the file does, as others than Hadoop's built-in one may.
   */
  public static final class QuietGzipCodec extends GzipCodec {
    @Override
    public CompressionInputStream createInputStream(InputStream in) throws IOException {
      GZIPInputStream gzip = new GZIPInputStream(in);
      return new CompressionInputStream(in) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return gzip.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
          return gzip.read();
        }

        @Override
        public void resetState() {}
      };
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
      return createInputStream(in);
    }
  }

  private static String readWhole(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[4096];
    for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  @Test
  void aCompressedStreamThatEndsBeforeTheFileIsAnError() throws IOException {
    Configuration hadoop = new Configuration();
    hadoop.set("io.compression.codecs", QuietGzipCodec.class.getName());
    LogFolder logs = new LogFolder(dir);
    byte[] gzip = Files.readAllBytes(logs.gzip("a.csv.gz", HEADER, ROW));
    try (Reader whole = LogFiles.open(hadoop, new org.apache.hadoop.fs.Path(dir.resolve("a.csv.gz").toUri()), "windows-1252")) {
      assertEquals(HEADER + "\n" + ROW + "\n", readWhole(whole));
    }
    // another day's text appended to the file
    byte[] trailing = Arrays.copyOf(gzip, gzip.length + 64 * 1024);
    for (int i = gzip.length; i < trailing.length; i++) {
      trailing[i] = (byte) ROW.charAt(i % ROW.length());
    }
    logs.bytes("a.csv.gz", trailing);
    try (Reader reader = LogFiles.open(hadoop, new org.apache.hadoop.fs.Path(dir.resolve("a.csv.gz").toUri()), "windows-1252")) {
      IOException e = assertThrows(IOException.class, () -> readWhole(reader));
      assertTrue(e.getMessage().startsWith("the compressed stream ends at byte ")
          && e.getMessage().endsWith(" of " + trailing.length), e.getMessage());
      assertTrue(FileSystemFailure.in(e).isEmpty(), "the file's, not the file system's");
    }
  }
}
