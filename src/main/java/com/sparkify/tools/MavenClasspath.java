package com.sparkify.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runtime classpath of a program the tools run as their own JVM (a Cassandra server, DSBulk), from a
 * small pom that names it: resolved by Maven once, cached in a file, resolved again when the pom changed or
 * a jar is gone (a cleaned local repository).
 */
public final class MavenClasspath {
  private MavenClasspath() {}

  /** @param what what is resolved, for the one line printed when Maven has to run */
  public static List<String> of(Path pom, Path cached, String what) throws IOException, InterruptedException {
    boolean pomChanged = Files.exists(pom) && Files.exists(cached)
        && Files.getLastModifiedTime(pom).compareTo(Files.getLastModifiedTime(cached)) > 0;
    if (pomChanged || !Files.exists(cached) || !entries(cached).stream().allMatch(e -> Files.exists(Path.of(e)))) {
      resolve(pom, cached, what);
    }
    return entries(cached);
  }

  private static List<String> entries(Path classpathFile) throws IOException {
    return List.of(Files.readString(classpathFile).trim().split(File.pathSeparator));
  }

  private static void resolve(Path pom, Path target, String what) throws IOException, InterruptedException {
    if (!Files.exists(pom)) {
      throw new IllegalStateException("Cannot resolve " + what + "'s classpath: " + pom + " is missing");
    }
    System.out.println("Resolving " + what + "'s classpath with Maven into " + target
        + " (the first time downloads its jars)...");
    Files.createDirectories(target.getParent());
    String mavenHome = System.getProperty("maven.home");
    String mvn = mavenHome == null ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    Process maven = new ProcessBuilder(mvn, "-q", "-B", "-f", pom.toString(), "dependency:build-classpath",
        "-DincludeScope=runtime", "-Dmdep.outputFile=" + target)
        .redirectErrorStream(true)
        .start();
    // the Maven here writes colour codes even in batch mode
    String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .replaceAll("\u001B\\[[;\\d]*m", "");
    if (maven.waitFor() != 0 || !Files.exists(target)) {
      List<String> lines = output.lines().toList();
      throw new IllegalStateException("Maven could not resolve " + what + "'s classpath:" + System.lineSeparator()
          + LastLines.of(lines));
    }
  }
}
