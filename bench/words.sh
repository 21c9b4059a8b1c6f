#!/usr/bin/env bash
# Word-list benchmark (not a test): WordList.find on a 2,000-character comment against 100,000 generated
# terms (JMH SampleTime: p50/p99/p99.9), WordList.compile of those terms, and the compiled list's heap.
# Results go into docs/PERFORMANCE-words.md by hand.
#
#   bench/words.sh                 # about 3 minutes; extra arguments go to JMH, e.g. bench/words.sh -f 3
#
# It installs the main project's jar into the local Maven repository (tests skipped), builds the standalone
# JMH project in bench/jmh-words against it, and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./parley jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

mvn -B -q -DskipTests install
mvn -B -q -f bench/jmh-words/pom.xml package
JAR=bench/jmh-words/target/benchmarks.jar

echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024/1024)" GiB"}'), $("$JAVA" -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== footprint and cold build (fresh JVM)"
"$JAVA" -Xms1g -Xmx1g -Djol.magicFieldOffset=true -cp "$JAR" org.parley.moderation.WordListFootprint
echo "== JMH"
"$JAVA" -jar "$JAR" WordListBenchmark "$@"
