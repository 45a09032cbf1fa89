package com.sparkify.pipeline.settings;

import java.util.Locale;

/** How many rejected rows a run may have before it stops: a count, or a share of the rows read. */
public record ErrorBudget(long maxRows, double maxPercent) {

  /** @param text "100" or "0.5%" */
  public static ErrorBudget parse(String text, String key) {
    String value = text.strip();
    try {
      if (value.endsWith("%")) {
        double percent = Double.parseDouble(value.substring(0, value.length() - 1).strip());
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
          throw new NumberFormatException();
        }
        return new ErrorBudget(-1, percent);
      }
      long rows = Long.parseLong(value);
      if (rows < 0) {
        throw new NumberFormatException();
      }
      return new ErrorBudget(rows, Double.NaN);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " = '" + text + "': expected a number of rows (100) or a percentage (0.5%)");
    }
  }

  public boolean allows(long rejected, long read) {
    return isPercent() ? rejected * 100.0 <= maxPercent * read : rejected <= maxRows;
  }

  private boolean isPercent() {
    return !Double.isNaN(maxPercent);
  }

  @Override
  public String toString() {
    return isPercent()
        ? String.format(Locale.ROOT, "%s%% of the rows read", maxPercent)
        : maxRows + " rows";
  }
}
