package com.sparkify.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes event-log files for a test into a folder: text, bytes or gzip. */
public final class LogFolder {
  private final Path dir;

  public LogFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Lines joined with LF, with a final LF. */
  public Path write(String name, String... lines) {
    return bytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public Path bytes(String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path gzip(String name, String... lines) {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      return dir.resolve(name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
