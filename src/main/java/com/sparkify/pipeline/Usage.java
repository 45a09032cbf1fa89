package com.sparkify.pipeline;

import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.pipeline.settings.Flag;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The job's --help: its flags, every setting with this build's default, and the exit codes, all generated. */
public final class Usage {
  private static final int WIDTH = 112;
  private static final String FLAG_COLUMN = "  %-24s %-30s ";

  private Usage() {}

  public static String text() {
    Config reference = ConfigFactory.defaultReference();
    List<String> lines = new ArrayList<>();
    lines.addAll(wrap("Usage: sparkify ", Arrays.stream(Flag.values()).map(f -> "[" + f.synopsis() + "]").toList()
        + " [--config FILE] [-Dsparkify.<key>=<value> ...]"));
    lines.add("");
    lines.addAll(wrap("", "Reads every *.csv and *.csv.gz in the input folder (or only one day's file), drops the rows"
        + " without an artist, rejects broken rows to a rejects file, writes one events.csv, the Cassandra query tables"
        + " and a JSON run report."));
    lines.add("");
    for (Flag flag : Flag.values()) {
      String text = flag.description() + (flag.isSwitch() ? "" : " (default " + shown(reference.getValue(flag.key())) + ")");
      lines.addAll(wrap(String.format(Locale.ROOT, FLAG_COLUMN, flag.synopsis(), flag.key()), text));
    }
    lines.addAll(wrap(String.format(Locale.ROOT, FLAG_COLUMN, "--config FILE", "settings file"),
        "default conf/application.conf, if present"));
    lines.addAll(wrap(String.format(Locale.ROOT, FLAG_COLUMN, "-Dsparkify.KEY=VALUE", "any setting below"), ""));
    lines.addAll(wrap(String.format(Locale.ROOT, FLAG_COLUMN, "--help", "this text"), ""));
    lines.add("");
    lines.addAll(wrap("Exit status: ", Arrays.stream(ExitStatus.values())
        .map(status -> status.code() + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .collect(Collectors.joining(", "))));
    lines.add("");
    lines.add("Settings and their defaults (reference.conf; set them in conf/application.conf or with -D):");
    reference.getConfig("sparkify").entrySet().stream()
        .map(e -> "  sparkify." + e.getKey() + " = " + e.getValue().render(ConfigRenderOptions.concise()))
        .sorted()
        .forEach(lines::add);
    return String.join("\n", lines) + "\n";
  }

  private static String shown(ConfigValue value) {
    if (value.valueType() == ConfigValueType.STRING) {
      String text = (String) value.unwrapped();
      return text.isEmpty() ? "none" : text;
    }
    return value.render(ConfigRenderOptions.concise());
  }

  /** The text after the lead, broken at spaces so that lines stay within the width, continued under it. */
  private static List<String> wrap(String lead, String text) {
    List<String> lines = new ArrayList<>();
    String indent = " ".repeat(lead.length());
    StringBuilder line = new StringBuilder(lead);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        empty = true;
      }
      line.append(empty ? "" : " ").append(word);
      empty = false;
    }
    lines.add(line.toString().stripTrailing());
    return lines;
  }
}
