package com.sparkify.pipeline.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the user typed: flags that stand for config keys, -Dsparkify.key=value overrides, an optional
 * --config file and positional arguments (used by the query tool). It reads no config itself.
 */
public record CommandLine(Config overrides, Optional<Path> configFile, boolean help, List<String> positional) {

  private static final Map<String, Flag> FLAGS =
      Arrays.stream(Flag.values()).collect(Collectors.toUnmodifiableMap(Flag::flag, flag -> flag));

  public static CommandLine parse(String... args) {
    Map<String, String> overrides = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    Optional<Path> configFile = Optional.empty();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
      } else if (arg.equals("--config")) {
        configFile = Optional.of(Path.of(valueOf(args, ++i, arg)));
      } else if (FLAGS.containsKey(arg)) {
        Flag flag = FLAGS.get(arg);
        overrides.put(flag.key(), flag.isSwitch() ? "true" : valueOf(args, ++i, arg));
      } else if (arg.startsWith("-D")) {
        int eq = arg.indexOf('=');
        String key = eq < 0 ? "" : arg.substring(2, eq);
        if (!key.startsWith("sparkify.")) {
          throw new IllegalArgumentException("expected -Dsparkify.<key>=<value>, got '" + arg + "'");
        }
        overrides.put(key, arg.substring(eq + 1));
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
      } else {
        positional.add(arg);
      }
    }
    // --output names this run's file: with --date, that day's
    if (overrides.containsKey("sparkify.date") && overrides.containsKey("sparkify.output")) {
      overrides.put("sparkify.daily.output", overrides.remove("sparkify.output"));
    }
    return new CommandLine(
        SettingsLoader.overrides(overrides, "command line"), configFile, help, List.copyOf(positional));
  }

  private static String valueOf(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
