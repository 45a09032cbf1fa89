package com.sparkify.pipeline.tables;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that end up inside CQL text (keyspace, tables, data centres) cannot be bound as values, so they
 * are checked against the unquoted-identifier grammar before any statement is built.
 */
public final class CqlIdentifiers {
  // Cassandra caps keyspace and table names at 48 characters.
  private static final Pattern UNQUOTED = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
  // Data centre names are string literals in the replication map; keep them to a safe alphabet.
  private static final Pattern DATA_CENTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private CqlIdentifiers() {}

  /** Returns the name if it is a valid unquoted CQL identifier, else throws naming the setting. */
  public static String requireValid(String name, String settingKey) {
    if (name == null || !UNQUOTED.matcher(name).matches()) {
      throw new IllegalArgumentException(
          settingKey + " = '" + name + "' is not a valid CQL identifier (a letter, then up to 47 letters, digits or _)");
    }
    return name;
  }

  /**
   * The name as Cassandra stores it: CQL folds an unquoted identifier to lower case, and tools that take a name
   * as given (the SSTable loader, the driver's metadata) find nothing under the name as typed.
   */
  public static String stored(String name, String settingKey) {
    return requireValid(name, settingKey).toLowerCase(Locale.ROOT);
  }

  public static String requireValidDataCenter(String name, String settingKey) {
    if (name == null || !DATA_CENTER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          settingKey + " has an invalid data centre name '" + name + "' (letters, digits, _ . - only)");
    }
    return name;
  }
}
