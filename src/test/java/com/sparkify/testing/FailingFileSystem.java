package com.sparkify.testing;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code failing:}, whose reads of a file named {@code *fs-fails*} fail
 * past {@link #FAIL_AFTER} bytes, every time, as a network file system's or an object store's would. Each open is
 * counted, so that a test can see the read retried.
 */
public final class FailingFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "failing";
  /** Past the first buffers the driver reads to check a header. */
  public static final long FAIL_AFTER = 512 * 1024;
  private static final Map<String, AtomicInteger> OPENS = new ConcurrentHashMap<>();

  /** Registers the scheme in a Hadoop configuration (the driver's: executors get theirs from it). */
  public static void register(Configuration hadoop) {
    hadoop.set("fs." + SCHEME + ".impl", FailingFileSystem.class.getName());
    hadoop.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  /** How often a file of that name was opened in this JVM. */
  public static int opens(String name) {
    return OPENS.getOrDefault(name, new AtomicInteger()).get();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public void initialize(URI uri, Configuration conf) throws IOException {
    super.initialize(getUri(), conf);
  }

  @Override
  public FSDataInputStream open(Path file, int bufferSize) throws IOException {
    OPENS.computeIfAbsent(file.getName(), name -> new AtomicInteger()).incrementAndGet();
    FSDataInputStream local = super.open(file, bufferSize);
    return file.getName().contains("fs-fails") ? new FSDataInputStream(new Failing(local)) : local;
  }

  private static final class Failing extends FSInputStream {
    private final FSDataInputStream in;

    Failing(FSDataInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      failPast(1);
      return in.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      failPast(length);
      return in.read(buffer, offset, length);
    }

    private void failPast(int length) throws IOException {
      if (in.getPos() + length > FAIL_AFTER) {
        throw new IOException("connection reset by the storage service (injected)");
      }
    }

    @Override
    public void seek(long position) throws IOException {
      in.seek(position);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long target) {
      return false;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
