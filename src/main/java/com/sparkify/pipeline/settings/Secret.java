package com.sparkify.pipeline.settings;

/** A credential: its toString never shows the value, so records and logs holding it cannot leak it. */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = value == null ? "" : value;
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "" : "****";
  }
}
