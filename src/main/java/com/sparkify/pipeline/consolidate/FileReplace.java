package com.sparkify.pipeline.consolidate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/** Replaces a file so that a reader finds the old one or the new one whole, never half of one. */
public final class FileReplace {
  private FileReplace() {}

  /** What goes into the new file. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes the content into a hidden file beside the target and renames it over the target; a write that fails
   * leaves the target as it was and removes its hidden file.
   */
  public static void write(FileSystem fs, Path target, Content content) throws IOException {
    Path partial = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".partial");
    // no .crc file beside a local file: people and schedulers read these, not Hadoop
    FileSystem writer = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    try {
      try (OutputStream out = writer.create(partial, false)) {
        content.writeTo(out);
      }
      replace(writer, partial, target);
    } finally {
      writer.delete(partial, false);
    }
  }

  /** Renames source over target: one rename(2) on a local disk, Hadoop's rename with OVERWRITE elsewhere. */
  static void replace(FileSystem fs, Path source, Path target) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      // rename(2) replaces the target atomically; Hadoop's local rename deletes it first
      Files.move(local(fs, source), local(fs, target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(source, target, Options.Rename.OVERWRITE);
  }

  /** A path of the local file system as the JDK's, for the atomic operations Hadoop's local file system lacks. */
  static java.nio.file.Path local(FileSystem fs, Path file) {
    FileSystem raw = fs instanceof LocalFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
    return java.nio.file.Path.of(raw.makeQualified(file).toUri());
  }
}
