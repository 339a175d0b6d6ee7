#!/usr/bin/env bash
# Builds the benchmarks jar, runs every JMH benchmark and the compile-time benchmark, and writes
# benchmarks/results.md (the tables) and benchmarks/results.json (JMH's raw JSON).
#
#   benchmarks/run.sh                      # everything, about 40 minutes on 2 cores
#   benchmarks/run.sh 'Diamond|Async'      # extra arguments go to JMH: a benchmark regex, -p threads=2,4, ...
#
# Environment:
#   MVN_ARGS      Maven flags (default: -q -B); add -o to build offline
#   JMH_ARGS      run settings (default: -f 2 -wi 3 -w 2s -i 5 -r 2s)
#   COMPILE_ARGS  CompileTimeBenchmark settings (default: --rounds 5 --warmup 3)
#   SERVER_ARGS   ServerLoadBenchmark settings (default: --rounds 5, after one unmeasured round;
#                 about 55 seconds)
#   OUT_DIR       where results.md and results.json go (default: benchmarks)
#   LOCK          a lock file: the build and every measurement hold it (flock), so that builds
#                 sharing this machine wait instead of disturbing the numbers (default:
#                 /tmp/taskwire-mvn.lock; LOCK= to run without)
set -euo pipefail
cd "$(dirname "$0")/.."

MVN_ARGS=${MVN_ARGS:--q -B}
JMH_ARGS=${JMH_ARGS:--f 2 -wi 3 -w 2s -i 5 -r 2s}
COMPILE_ARGS=${COMPILE_ARGS:---rounds 5 --warmup 3}
SERVER_ARGS=${SERVER_ARGS:---rounds 5}
OUT_DIR=${OUT_DIR:-benchmarks}
LOCK=${LOCK-/tmp/taskwire-mvn.lock}
JAR=benchmarks/target/benchmarks.jar
RAW=benchmarks/target/results
mkdir -p "$RAW" "$OUT_DIR"

locked() {
  if [ -n "$LOCK" ]; then flock "$LOCK" "$@"; else "$@"; fi
}

echo "== checking the generated shapes are up to date"
java benchmarks/src/main/java/dev/taskwire/benchmarks/generator/ShapeGenerator.java \
  --check benchmarks/src/main/java

echo "== building $JAR"
# shellcheck disable=SC2086
locked mvn $MVN_ARGS verify -pl benchmarks -am -DskipTests

echo "== JMH ($JMH_ARGS $*), log in $RAW/jmh.log"
# shellcheck disable=SC2086
locked java -jar "$JAR" $JMH_ARGS -bm avgt -tu us \
  -prof gc -prof dev.taskwire.benchmarks.ThreadsProfiler \
  -rf json -rff "$RAW/jmh.json" "$@" 2>&1 | tee "$RAW/jmh.log"

echo "== compile time ($COMPILE_ARGS)"
# shellcheck disable=SC2086
locked java -cp "$JAR" dev.taskwire.benchmarks.CompileTimeBenchmark $COMPILE_ARGS \
  --out "$RAW/compile-time.md"

echo "== server under load ($SERVER_ARGS)"
# shellcheck disable=SC2086
locked java -cp "$JAR" dev.taskwire.benchmarks.server.ServerLoadBenchmark $SERVER_ARGS \
  --out "$RAW/server-load.md"

cp "$RAW/jmh.json" "$OUT_DIR/results.json"
java -cp "$JAR" dev.taskwire.benchmarks.ResultsTable \
  --jmh "$RAW/jmh.json" --compile "$RAW/compile-time.md" --out "$OUT_DIR/results.md"
{
  printf '\n## Server under load\n\n'
  cat "$RAW/server-load.md"
} >>"$OUT_DIR/results.md"
