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
    # no colour codes: the output is often a log file, not a terminal. This Maven's jansi writes a reset code
    # at start even in batch mode, unless told not to in the JVM's own options.
    (cd "$ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never package -DskipTests)
  fi
}

# The --add-opens Spark needs on JDK 17, one word per option.
jvm_options() {
  cat "$JVM_OPTIONS_FILE"
}

# The JDK's class data sharing archive of the classes a run of the job loads: mapped by later JVMs instead of
# read and verified again from some 165 jars. JDK 17 writes it at the exit of a run (-XX:ArchiveClassesAtExit);
# it is valid for one jar and one JDK, so it is written again when either is newer. SPARKIFY_CLASS_ARCHIVE
# names another file, or none when set empty.
CDS_ARCHIVE="${SPARKIFY_CLASS_ARCHIVE-$ROOT/target/sparkify.jsa}"

cds_current() {
  [[ -n $CDS_ARCHIVE && -f $CDS_ARCHIVE && $CDS_ARCHIVE -nt $JAR && $CDS_ARCHIVE -nt $(readlink -f "$(command -v java)") ]]
}

# quick_jvm_options JOB_FLAGS: the JIT and collector options for a local run of the job with these flags, by the
# size of its input (sparkify.spark.quick-jvm-max-input-mib), one per line. Asked of a JVM of its own, itself
# started quick and without the class archive (mapping it costs more than it saves here): 0.6 s, against 1 s
# as java_tool starts a JVM.
quick_jvm_options() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$JAR:$SPARK_JARS/*" com.sparkify.tools.run.QuickJvm "$@"
}

# java_tool [--archive-classes] MAIN [ARGS]: a class of the application jar on Spark's classpath, with the JVM
# options in EXTRA_JVM_OPTIONS too. With --archive-classes, a run that succeeds writes the class archive when
# there is no current one.
EXTRA_JVM_OPTIONS=()
java_tool() {
  local archive="" status=0
  if [[ $1 == --archive-classes ]]; then
    shift
    [[ -z $CDS_ARCHIVE ]] || cds_current || archive="$CDS_ARCHIVE.$$"
  fi
  local main=$1
  shift
  local cds=()
  if [[ -n $archive ]]; then
    say "this run also archives the classes it loads, for faster starts of the next ones: $CDS_ARCHIVE"
    # the JVM warns of every class it cannot archive (generated, signed, old class files): hundreds of lines
    cds=("-XX:ArchiveClassesAtExit=$archive" "-Xlog:cds*=off")
  elif cds_current; then
    cds=("-XX:SharedArchiveFile=$CDS_ARCHIVE")
  fi
  # shellcheck disable=SC2046 # one word per option
  java $(jvm_options) "${cds[@]}" "${EXTRA_JVM_OPTIONS[@]}" -Xmx"${SPARKIFY_DRIVER_HEAP:-2g}" -cp "$JAR:$SPARK_JARS/*" \
    "$main" "$@" || status=$?
  # written under a name of its own and kept only from a run that did its whole work, so that a failed run's few
  # classes or two runs at once never leave a poor or torn archive
  if [[ -n $archive && -f $archive ]]; then
    if [[ $status -eq 0 ]]; then mv -f "$archive" "$CDS_ARCHIVE"; else rm -f "$archive"; fi
  fi
  return "$status"
}
