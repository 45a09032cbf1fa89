package com.sparkify.pipeline.consolidate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplaceTest {
  @TempDir Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theNewContentReplacesTheFileWithNothingLeftBeside() throws IOException {
    Path report = Files.writeString(dir.resolve("events.report.json"), "{\"old\": true}\n");
    FileReplace.write(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(report.toUri()),
        out -> out.write("{\"artist\": \"Beyonc\u00e9\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("{\"artist\": \"Beyonc\u00e9\"}\n", Files.readString(report));
    assertEquals(List.of("events.report.json"), files(), "no partial or .crc file");
  }

  @Test
  void aWriteThatFailsHalfWayLeavesTheOldFileWhole() throws IOException {
    Path report = Files.writeString(dir.resolve("events.report.json"), "{\"old\": true}\n");
    IOException failure = assertThrows(IOException.class, () ->
        FileReplace.write(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(report.toUri()), out -> {
          out.write("{\"half\": ".getBytes(StandardCharsets.UTF_8));
          throw new IOException("disk full");
        }));
    assertEquals("disk full", failure.getMessage());
    assertEquals("{\"old\": true}\n", Files.readString(report));
    assertEquals(List.of("events.report.json"), files());
  }
}
