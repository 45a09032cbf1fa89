# Shared by the scripts: where the build puts things, and how to run a class from the application jar.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/target/sparkify.jar"
# Spark's runtime as Maven resolves it, laid out as a Spark distribution (see pom.xml)
SPARK_JARS="$ROOT/target/spark-home/jars"
JVM_OPTIONS_FILE="$ROOT/target/spark-jvm.options"

say() { echo "${SCRIPT_NAME:-sparkify}: $*" >&2; }

# Rebuild when the jar is missing or older than any source, so a pulled change is never run stale.
ensure_built() {
  if [[ ! -f $JAR || ! -d $SPARK_JARS || ! -f $JVM_OPTIONS_FILE ]] ||
     [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit)" ]]; then
    say "building the application jar: mvn -q package -DskipTests"
    # no colour codes: the output is often a log file, not a terminal
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never package -DskipTests)
  fi
}

# The --add-opens Spark needs on JDK 17, one word per option.
jvm_options() {
  cat "$JVM_OPTIONS_FILE"
}

java_tool() {
  local main=$1
  shift
  # shellcheck disable=SC2046 # one word per option
  java $(jvm_options) -Xmx"${SPARKIFY_DRIVER_HEAP:-2g}" -cp "$JAR:$SPARK_JARS/*" "$main" "$@"
}
