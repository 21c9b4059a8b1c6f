#!/usr/bin/env bash
# Benchmark (not a test): thread reads by a reader who blocked a commenter of the thread, against anonymous
# reads of the same thread, for two builds side by side on the same data: this checkout and BEFORE_REF.
#
#   bench/blocked-reader.sh [BEFORE_REF]    # needs wrk (apt-get install wrk)
#
# BEFORE_REF defaults to the commit before readers with blocks shared views. Data lives in a temp dir;
# servers listen on free ports on 127.0.0.1 and are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
BEFORE_REF=${1:-$(git log --format=%H -1 --grep='Readers who blocked someone stay on the fast path')^}
DURATION=${BENCH_DURATION:-10s}
WORK=$(mktemp -d /tmp/parley-blocked.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; git worktree remove --force "$WORK/src-before" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

./parley build
JAVA="$(./parley jdk)/bin/java"
mkdir -p "$WORK/after" && cp -r target/parley.jar target/lib "$WORK/after/"
git worktree add -q --detach "$WORK/src-before" "$BEFORE_REF"
(cd "$WORK/src-before" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" mvn -B -q -DskipTests package)
mkdir -p "$WORK/before" && cp -r "$WORK/src-before/target/parley.jar" "$WORK/src-before/target/lib" "$WORK/before/"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
serve() { # build data-dir
  PORT=$(free_port)
  PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
  PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE=10000 \
  "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$WORK/$1/parley.jar" serve --data "$2" --port "$PORT" \
    > "$WORK/$1.log" 2>&1 &
  PID=$!
  BASE="http://127.0.0.1:$PORT/api/v1/sites/bench"
  for _ in $(seq 1 200); do curl -fs "$BASE/thread?page=x" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "bench: $1 did not start" >&2; cat "$WORK/$1.log" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

echo "== machine: $(nproc) cores; before: $(git rev-parse --short "$BEFORE_REF"), after: $(git rev-parse --short HEAD) + working tree"
"$JAVA" --enable-native-access=ALL-UNNAMED -jar "$WORK/before/parley.jar" site save --data "$WORK/data" \
  --id bench --name Bench --origin http://localhost >/dev/null
serve before "$WORK/data"
guest() { curl -fs -X POST "$BASE/guests" -H "X-Forwarded-For: 10.$((RANDOM % 256)).$((RANDOM % 256)).$((RANDOM % 256))" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
post() { # token parent body
  local parent=null; [ -n "$2" ] && parent="\"$2\""
  curl -fs -X POST "$BASE/comments" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"page\":\"bench-200\",\"parentId\":$parent,\"body\":\"$3\",\"name\":\"Reader $RANDOM\"}" | sed 's/^{"id":"\([^"]*\)".*/\1/'
}
echo "== seeding a 200-comment thread (50 top-level, 150 replies) by 10 commenters"
TOKENS=(); for _ in $(seq 1 10); do TOKENS+=("$(guest)"); done
FIRST=""
for i in $(seq 1 50); do
  top=$(post "${TOKENS[$((i % 10))]}" "" "Top-level comment $i: a paragraph of ordinary length, the kind readers write under a news story, with *some* emphasis.")
  [ -z "$FIRST" ] && FIRST=$top
  parent=$top
  for j in 1 2 3; do
    reply=$(post "${TOKENS[$(((i + j) % 10))]}" "$parent" "Reply $j to comment $i, answering the point above and adding one more thought.")
    [ "$j" -eq 1 ] && parent=$reply
  done
done
READER=$(guest)
curl -fs -X POST "$BASE/blocks" -H "Authorization: Bearer $READER" -H 'Content-Type: application/json' \
  -d "{\"commentId\":\"$FIRST\"}" >/dev/null
stop
cp -r "$WORK/data" "$WORK/data-before"; cp -r "$WORK/data" "$WORK/data-after"

READ="/thread?page=bench-200&sort=best&limit=20"
rps() { sed -n 's/^Requests\/sec: *//p'; }
measure() { # label header...
  local out; wrk -t2 -c32 -d3s "$@" "$BASE$READ" >/dev/null
  out=$(wrk -t2 -c32 -d"$DURATION" --latency "$@" "$BASE$READ")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$out" >&2; echo "bench: errors" >&2; exit 1; fi
  echo "$(echo "$out" | rps) req/s, p99 $(echo "$out" | awk '/ 99%/{print $2}')"
}
for build in before after; do
  serve "$build" "$WORK/data-$build"
  curl -fs -H "Authorization: Bearer $READER" "$BASE$READ" | grep -q '"blocked"\|commentCount' || true
  echo "$build: anonymous        $(measure -H 'Accept-Encoding: gzip')"
  echo "$build: with one block   $(measure -H 'Accept-Encoding: gzip' -H "Authorization: Bearer $READER")"
  stop
done
