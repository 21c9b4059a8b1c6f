#!/usr/bin/env bash
# Benchmark of image uploads under memory pressure (issue 10), not a test: per-upload memory (reserved,
# allocated in large buffers, allocated in all) and time for large PNGs and JPEGs, then bursts of sixteen
# simultaneous 40-megapixel uploads to a child Parley with the README's 256 MiB heap while a reader reads a
# thread. Prints Markdown tables; results go into docs/PERFORMANCE.md by hand.
#
#   bench/uploads.sh          # three rounds of each burst
#   bench/uploads.sh 5        # five rounds
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(./parley jdk)"
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
# -Xmx1g: G1 regions of 1 MiB, so every buffer of 512 KiB or more is recorded one by one (see LargeAllocations).
"$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.parley.media.UploadMemoryBench "$@"
