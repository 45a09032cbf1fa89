package com.sparkify.pipeline.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Opens one event log as text, decompressing *.gz, on the driver (headers) and executors (rows) alike, decoded
 * line by line ({@link LineDecoder}). The file
 * system's errors come out as {@link FileSystemFailure}, so that a reader can tell them from a broken file.
 */
final class LogFiles {
  private LogFiles() {}

  /**
   * @param fallbackEncoding the charset of lines that are not UTF-8 ({@link LineDecoder}); empty: none, such
   *     lines are undecodable
   */
  static LineDecoder open(Configuration hadoop, Path file, String fallbackEncoding) throws IOException {
    CountingStream in;
    long length;
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      length = fs.getFileStatus(file).getLen();
      in = new CountingStream(fs.open(file), file.toString());
    } catch (IOException e) {
      throw new FileSystemFailure(file.toString(), e);
    }
    try {
      CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(file);
      InputStream text = codec == null ? in : new WholeStream(codec.createInputStream(in), in, length);
      return new LineDecoder(text, Optional.of(fallbackEncoding).filter(name -> !name.isEmpty()).map(Charset::forName));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The raw bytes of the file: counted, and their errors marked as the file system's. */
  private static final class CountingStream extends FilterInputStream {
    private final String file;
    private long consumed;

    CountingStream(InputStream in, String file) {
      super(in);
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      int b = (int) fileSystem(() -> in.read());
      consumed += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int count = (int) fileSystem(() -> in.read(buffer, offset, length));
      consumed += Math.max(count, 0);
      return count;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = fileSystem(() -> in.skip(n));
      consumed += skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) fileSystem(in::available);
    }

    @Override
    public boolean markSupported() {
      return false; // a reset would make the count wrong
    }

    private interface Read {
      long run() throws IOException;
    }

    private long fileSystem(Read read) throws IOException {
      try {
        return read.run();
      } catch (IOException e) {
        throw new FileSystemFailure(file, e);
      }
    }
  }

  /**
   * A decompressed file that must have used up its compressed bytes when it ends: a decompressor may end quietly
   * where data that is not its stream follows (the JDK's gzip stream does; Hadoop's built-in one fails on it).
   */
  private static final class WholeStream extends FilterInputStream {
    private final CountingStream compressed;
    private final long length;

    WholeStream(InputStream decompressed, CountingStream compressed, long length) {
      super(decompressed);
      this.compressed = compressed;
      this.length = length;
    }

    @Override
    public int read() throws IOException {
      return atEnd(in.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return atEnd(in.read(buffer, offset, length));
    }

    private int atEnd(int result) throws IOException {
      if (result < 0 && compressed.consumed < length) {
        throw new IOException("the compressed stream ends at byte " + compressed.consumed + " of " + length);
      }
      return result;
    }
  }
}
