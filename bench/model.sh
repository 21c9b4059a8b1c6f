#!/usr/bin/env bash
# Benchmark of the abuse model (not a test): JMH, SampleTime mode, time to score one 400-character
# comment with its explanation. Prints p50/p90/p99; results go into docs/MODEL.md and
# docs/PERFORMANCE.md by hand.
#
#   bench/model.sh            # builds and installs Parley (tests skipped), then builds and runs bench/jmh
#   bench/model.sh -f 3       # extra arguments go to JMH (here: three forks)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(./parley jdk)"
mvn -B -q -DskipTests install
(cd bench/jmh && mvn -B -q package)
echo "== machine: $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -jar bench/jmh/target/benchmarks.jar AbuseBenchmark "$@"
