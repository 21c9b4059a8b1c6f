#!/usr/bin/env bash
# Benchmark (not a test): live readers on one node. Opens CLIENTS server-sent-event streams to one page,
# measures the server's heap per client (after a full GC) and how long a posted comment takes to reach every
# client (p50/p99, 10 posts), on the README's documented heap.
#
#   bench/live.sh [CLIENTS] [XMX]        # defaults: 5000 clients, 256m
#   BENCH_TWO_NODES=1 bench/live.sh …    # two nodes on one PostgreSQL database (127.0.0.1:5432, database test,
#                                        # user postgres, trust auth; a schema of its own, dropped at the end):
#                                        # the readers are on node B, the comments are posted on node A
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
OTHER=""
TWO_NODES=${BENCH_TWO_NODES:-0}
SCHEMA=bench_live_$$
PSQL=(psql -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d "${BENCH_PG_DB:-test}" -v ON_ERROR_STOP=1 -qAt)
cleanup() {
  for p in $PID $OTHER; do kill "$p" 2>/dev/null || true; done
  if [ "$TWO_NODES" = 1 ]; then sleep 2; "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port)
STORE=(PARLEY_DATA="$WORK/data")
if [ "$TWO_NODES" = 1 ]; then
  "${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA" >/dev/null
  STORE=(PARLEY_DATA="$WORK/data" PARLEY_DB_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:5432/${BENCH_PG_DB:-test}?currentSchema=$SCHEMA"
    PARLEY_DB_USER="${BENCH_PG_USER:-postgres}")
fi
env "${STORE[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/parley.jar site save \
  --id bench --name Bench --origin http://localhost >/dev/null
serve() { # port heap → pid
  env "${STORE[@]}" PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
    "$JAVA" -Xmx"$2" --enable-native-access=ALL-UNNAMED -jar target/parley.jar serve --port "$1" > "$WORK/parley-$1.log" 2>&1 &
  echo $!
}
PID=$(serve "$PORT" "$XMX")
POST_ON=127.0.0.1:$PORT
if [ "$TWO_NODES" = 1 ]; then
  OTHER_PORT=$(free_port)
  OTHER=$(serve "$OTHER_PORT" 256m)
  POST_ON=127.0.0.1:$OTHER_PORT
  for _ in $(seq 1 200); do curl -fs "http://$POST_ON/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
fi
BASE="http://127.0.0.1:$PORT/api/v1/sites/bench"
for _ in $(seq 1 200); do curl -fs "$BASE/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fs -X POST "http://$POST_ON/api/v1/sites/bench/guests" | sed 's/.*"token":"\([^"]*\)".*/\1/')
curl -fs -X POST "http://$POST_ON/api/v1/sites/bench/comments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"page":"live-bench","body":"The page exists."}' >/dev/null
heap_used() { "$JDK/bin/jcmd" "$PID" GC.run >/dev/null; "$JDK/bin/jcmd" "$PID" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1; }
BASELINE=$(heap_used)
echo "== $CLIENTS clients on -Xmx$XMX$([ "$TWO_NODES" = 1 ] && echo ", comments posted on the other node"); heap used with none: ${BASELINE} KiB"
"$JAVA" bench/LiveFanout.java 127.0.0.1 "$PORT" bench live-bench "$CLIENTS" 10 "$TOKEN" "$POST_ON" > "$WORK/fanout.log" 2>&1 &
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
cat "$WORK"/parley-*.log | grep -c 'OutOfMemoryError\|Full GC'  | sed 's/^/server log lines about OOM or full GCs: /'
