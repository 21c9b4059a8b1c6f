#!/usr/bin/env bash
# Benchmark (not a test): live readers on one node. Opens CLIENTS server-sent-event streams to one page,
# measures the server's heap per client (after a full GC) and how long a posted comment takes to reach every
# client (p50/p99, 10 posts), on the README's documented heap.
#
#   bench/live.sh [CLIENTS] [XMX]        # defaults: 5000 clients, 256m
#
# Each process here may open at most `ulimit -n` files (20,000 on the reference machine): keep CLIENTS a
# little below it. Servers listen on a free port on 127.0.0.1; data lives in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-5000}
XMX=${2:-256m}
ulimit -n "$(ulimit -Hn)"
./parley build
JDK="$(./parley jdk)"
JAVA="$JDK/bin/java"
WORK=$(mktemp -d /tmp/parley-live.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$JAVA" --enable-native-access=ALL-UNNAMED -jar target/parley.jar site save --data "$WORK/data" \
  --id bench --name Bench --origin http://localhost >/dev/null
PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
"$JAVA" -Xmx"$XMX" --enable-native-access=ALL-UNNAMED -jar target/parley.jar serve --data "$WORK/data" --port "$PORT" \
  > "$WORK/parley.log" 2>&1 &
PID=$!
BASE="http://127.0.0.1:$PORT/api/v1/sites/bench"
for _ in $(seq 1 200); do curl -fs "$BASE/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fs -X POST "$BASE/guests" | sed 's/.*"token":"\([^"]*\)".*/\1/')
curl -fs -X POST "$BASE/comments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"page":"live-bench","body":"The page exists."}' >/dev/null
heap_used() { "$JDK/bin/jcmd" "$PID" GC.run >/dev/null; "$JDK/bin/jcmd" "$PID" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1; }
BASELINE=$(heap_used)
echo "== $CLIENTS clients on -Xmx$XMX; heap used with none: ${BASELINE} KiB"
"$JAVA" bench/LiveFanout.java 127.0.0.1 "$PORT" bench live-bench "$CLIENTS" 10 "$TOKEN" > "$WORK/fanout.log" 2>&1 &
FANOUT=$!
for _ in $(seq 1 3000); do grep -q "ready for measuring" "$WORK/fanout.log" && break; sleep 0.2; done
USED=$(heap_used)
CONNECTED=$(sed -n 's/^clients: \([0-9]*\) connected.*/\1/p' "$WORK/fanout.log")
echo "heap used with $CONNECTED clients: $USED KiB; per client: $(( (USED - BASELINE) * 1024 / (CONNECTED > 0 ? CONNECTED : 1) )) bytes"
[ -n "${BENCH_HISTOGRAM:-}" ] && "$JDK/bin/jcmd" "$PID" GC.class_histogram | head -25
[ -n "${BENCH_HEAPDUMP:-}" ] && "$JDK/bin/jcmd" "$PID" GC.heap_dump "$BENCH_HEAPDUMP" >/dev/null
echo "server threads: $(ls /proc/$PID/task | wc -l), open files: $(ls /proc/$PID/fd | wc -l), RSS: $(awk '/VmRSS/{print $2" "$3}' /proc/$PID/status)"
wait "$FANOUT" || true
cat "$WORK/fanout.log"
grep -c 'OutOfMemoryError\|Full GC' "$WORK/parley.log" | sed 's/^/server log lines about OOM or full GCs: /'
