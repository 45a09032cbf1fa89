package com.sparkify.tools.run;

import com.sparkify.pipeline.SparkifyJob;
import com.sparkify.pipeline.errors.ExitStatus;
import com.sparkify.tools.cassandra.LocalCassandraMain;
import com.sparkify.tools.query.QueryCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code scripts/sparkify run}: the local Cassandra when none answers, the job, then the example queries, in
 * one JVM. As three programs they paid three JVM starts and three connections to Cassandra for one command;
 * here the classes, the JIT's work and the connector's cached session carry over from one step to the next.
 * The first step that fails ends the command with its exit status.
 */
public final class RunCommand {
  private RunCommand() {}

  public static void main(String[] args) {
    System.exit(run(args).code());
  }

  static ExitStatus run(String[] args) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      return SparkifyJob.run(new String[] {"--help"});
    }
    ExitStatus status = LocalCassandraMain.run(prepended("ensure", args));
    if (status != ExitStatus.OK) {
      return status;
    }
    say("running the job" + (args.length == 0 ? "" : ": " + String.join(" ", args)));
    status = SparkifyJob.run(args);
    if (status != ExitStatus.OK) {
      return status;
    }
    say("example queries, for the keys of the first row of the events.csv just written");
    return QueryCommand.run(prepended("examples", args), System.out);
  }

  private static String[] prepended(String word, String[] args) {
    List<String> all = new ArrayList<>(List.of(word));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static void say(String line) {
    System.err.println("sparkify: " + line);
  }
}
