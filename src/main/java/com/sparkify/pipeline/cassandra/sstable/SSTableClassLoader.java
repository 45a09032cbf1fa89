package com.sparkify.pipeline.cassandra.sstable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A child-first class loader over cassandra-all and its dependencies, bundled in the application jar under
 * {@code sparkify-bulk/}: Cassandra gets its Guava 32, Jackson 2.19, Netty 4.1.130 and lz4 while Spark keeps
 * its own (Cassandra Analytics isolates cassandra-all the same way). The JDK comes from the platform loader,
 * the {@link SSTables} interface and the rest of the job from the application's loader, and the classes of
 * the {@code isolated} package, which implement it against cassandra-all, are defined here from the
 * application jar's bytes so that they link to Cassandra's classes, not to the application's.
 */
final class SSTableClassLoader extends URLClassLoader {
  private static final String BUNDLE = "sparkify-bulk/";
  private static final String ISOLATED = SSTables.class.getPackageName() + ".isolated.";
  private static final String IMPLEMENTATION = ISOLATED + "CassandraSSTables";
  /** Cassandra's own logging (logback) at warnings, on stderr: its defaults would print every debug line. */
  private static final String LOGBACK = "logback.xml";
  private static final String LOGBACK_CONFIG = "com/sparkify/pipeline/cassandra/sstable/logback.xml";

  private static volatile SSTables instance;

  private final ClassLoader application;

  static {
    registerAsParallelCapable();
  }

  private SSTableClassLoader(URL[] jars, ClassLoader application) {
    super("sparkify-bulk", jars, ClassLoader.getPlatformClassLoader());
    this.application = application;
  }

  /** Cassandra's tools in this JVM, loaded once: every task of an executor shares them. */
  static SSTables sstables() {
    SSTables loaded = instance;
    if (loaded == null) {
      synchronized (SSTableClassLoader.class) {
        loaded = instance;
        if (loaded == null) {
          ClassLoader application = SSTableClassLoader.class.getClassLoader();
          SSTableClassLoader loader = new SSTableClassLoader(bundledJars(application), application);
          try {
            loaded = (SSTables) loader.loadClass(IMPLEMENTATION).getConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load Cassandra's SSTable tools from " + BUNDLE, e);
          }
          instance = loaded;
        }
      }
    }
    return loaded;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith("com.sparkify.") || name.startsWith(ISOLATED)) {
      return super.loadClass(name, resolve); // the platform's, then the bundle's or (isolated) ours below
    }
    return application.loadClass(name);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (!name.startsWith(ISOLATED)) {
      return super.findClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> defined = findLoadedClass(name);
      if (defined != null) {
        return defined;
      }
      try (InputStream in = application.getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length, SSTables.class.getProtectionDomain());
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  @Override
  public URL findResource(String name) {
    return LOGBACK.equals(name) ? application.getResource(LOGBACK_CONFIG) : super.findResource(name);
  }

  /**
   * The bundle's jars as files: where they already are files (target/classes in a build), or copied once
   * out of the application jar into a folder named after the bundle's content, shared by the JVMs of a host.
   */
  private static URL[] bundledJars(ClassLoader application) {
    try {
      URL index = application.getResource(BUNDLE + "jars.txt");
      if (index == null) {
        throw new IllegalStateException("the application jar has no " + BUNDLE + " (build it with mvn package)");
      }
      byte[] listing;
      try (InputStream in = index.openStream()) {
        listing = in.readAllBytes();
      }
      Path folder = Path.of(System.getProperty("java.io.tmpdir"), "sparkify-bulk-" + digest(listing));
      List<URL> jars = new ArrayList<>();
      for (String jar : new String(listing, StandardCharsets.UTF_8).split("\n")) {
        if (jar.isBlank()) {
          continue;
        }
        URL bundled = application.getResource(BUNDLE + jar.strip());
        if (bundled == null) {
          throw new IllegalStateException(BUNDLE + jar.strip() + " is listed but missing from the application jar");
        }
        jars.add("file".equals(bundled.getProtocol()) ? bundled : extract(bundled, folder.resolve(jar.strip())).toUri().toURL());
      }
      return jars.toArray(URL[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack Cassandra's SSTable tools: " + e.getMessage(), e);
    }
  }

  /** Copied under a temporary name and moved into place, so that a JVM never loads another's half-written copy. */
  private static Path extract(URL bundled, Path target) throws IOException {
    if (Files.exists(target)) {
      return target;
    }
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = bundled.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }

  private static String digest(byte[] listing) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(listing)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
