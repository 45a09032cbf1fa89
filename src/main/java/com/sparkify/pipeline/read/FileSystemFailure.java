package com.sparkify.pipeline.read;

import java.io.IOException;
import java.util.Optional;

/**
 * An error of the file system under a log (a network file system, an object store), as opposed to one of its
 * contents (a decompressor that meets a corrupt or cut-short stream): the file may read fine on the next
 * attempt, so the read is retried rather than the file rejected.
 */
public final class FileSystemFailure extends IOException {
  FileSystemFailure(String file, IOException cause) {
    super(file + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
  }

  /** The file system's error behind a failure, wherever a decompressor or reader wrapped it. */
  public static Optional<FileSystemFailure> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof FileSystemFailure fs) {
        return Optional.of(fs);
      }
    }
    return Optional.empty();
  }
}
