#!/usr/bin/env bash
# Posting into a big database (not a test): comments posted through the HTTP API, moderation on, into a
# database that already holds a million comments and into one that holds none, by the build before the
# author-count fix and by this one, side by side in one run of this script. Results go into
# docs/PERFORMANCE.md by hand.
#
#   bench/posting-scale.sh               # SQLite; needs wrk (apt-get install wrk); about 8 minutes
#   BENCH_PG=1 bench/posting-scale.sh    # PostgreSQL too (127.0.0.1:5432, database test, user postgres, trust
#                                        # auth; schemas of its own, dropped at the end); about 10 minutes more
#   PARLEY_BEFORE_JAR=/path/parley.jar   # compare with that build (its lib/ beside it), not the one before the fix
#   BENCH_COMMENTS=200000 BENCH_ROUNDS=1 BENCH_DURATION=5s   # a smaller history, fewer and shorter loads
#   BENCH_SQLITE=0 BENCH_PG=1 bench/posting-scale.sh        # PostgreSQL only
#   BENCH_SIZES=empty BENCH_CONNECTIONS=32 BENCH_BODIES=varied BENCH_BEFORE=<commit>
#                                        # only the empty databases, 32 concurrent posters, bodies that differ
#                                        # (not a spam wave: bench/post.lua), against the build of that commit
#
# The history (bench/scale/): 1,000,000 comments over two years on about 16,000 pages of three sites, by
# 100,000 guests of very uneven activity (the busiest wrote 20,000), with replies to depth 3 and every status,
# plus the rows screening keeps per comment; written by direct SQL in about 30 s (SQLite) or 100 s
# (PostgreSQL). Every database is made by the build before (`site save`) and filled once; each build gets a
# copy of its own (PostgreSQL: a schema filled alike from the same seed), so the build after also migrates it
# at start (start-up times are printed). Four servers (empty and big, before and after) run at once and
# are measured in turn, round after round, so that other work on the machine weighs on all alike.
# Posts come from 300 of the history's guests, drawn by their activity (so the busiest are among them),
# through bench/post.lua: a new top-level comment per request, each from its own address.
#
# CPU per post is the user + system time of the server process, and on PostgreSQL of the backends serving its
# connections, over a measured load divided by its posts: the load generator, on the same two cores, is not
# counted. Each server is warmed up first (3,000 posts, or
# 30 s where posting is slower), so the JIT has compiled the posting path before anything is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
DURATION=${BENCH_DURATION:-10s}
ROUNDS=${BENCH_ROUNDS:-2}
WARMUP_POSTS=${BENCH_WARMUP_POSTS:-3000}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-30}
COMMENTS=${BENCH_COMMENTS:-1000000}
SIZES=${BENCH_SIZES:-empty big}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
export PARLEY_BENCH_BODIES=${BENCH_BODIES:-wave}
GUESTS=100000
PG=${BENCH_PG:-0}
PSQL=(psql -h "${BENCH_PG_HOST:-127.0.0.1}" -U "${BENCH_PG_USER:-postgres}" -d "${BENCH_PG_DB:-test}" -v ON_ERROR_STOP=1 -qAt)
PG_URL="jdbc:postgresql://${BENCH_PG_HOST:-127.0.0.1}:5432/${BENCH_PG_DB:-test}"

./parley build
JAVA="$(./parley jdk)/bin/java"
AFTER_JAR=target/parley.jar
WORK=$(mktemp -d /tmp/parley-scale.XXXXXX)
SCHEMAS=()
declare -A PIDS BASES STARTUPS
cleanup() {
  stop_all
  for schema in "${SCHEMAS[@]}"; do "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The build before the fix: the commit before the one that added V90, built from a clean export of it.
if [ -n "${PARLEY_BEFORE_JAR:-}" ]; then
  BEFORE_JAR=$PARLEY_BEFORE_JAR
  BEFORE_NAME=$PARLEY_BEFORE_JAR
else
  ADDED=$(git log --format=%H --diff-filter=A -1 -- src/main/resources/db/migration/sqlite/V90__author_counts.sql)
  BEFORE_COMMIT=$(git rev-parse --short "${BENCH_BEFORE:-${ADDED:+$ADDED^}}" 2>/dev/null || git rev-parse --short HEAD)
  BEFORE_NAME="commit $BEFORE_COMMIT"
  echo "== building the build before ($BEFORE_NAME)"
  mkdir "$WORK/before"
  git archive "$BEFORE_COMMIT" | tar -x -C "$WORK/before"
  (cd "$WORK/before" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" mvn -B -q -DskipTests package >"$WORK/before.log" 2>&1) \
    || { tail -20 "$WORK/before.log" >&2; echo "bench: could not build $BEFORE_NAME" >&2; exit 1; }
  BEFORE_JAR=$WORK/before/target/parley.jar
fi

echo "== machine: $(nproc) cores, $($JAVA -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== before: $BEFORE_NAME; after: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' with uncommitted changes')"
NOW=$(($(date +%s) * 1000))
# 300 distinct posting guests, drawn as the history drew its authors (activity ∝ 1 − (n / guests)^⅓).
TOKENS=$(python3 -c "
import random
random.seed(300)
picked = {}
while len(picked) < 300:
    picked.setdefault(min(int($GUESTS * random.random() ** 3), $GUESTS - 1), None)
print(' '.join('bench-token-%d' % n for n in picked))")

sites() { # jar data-dir, then environment assignments for the database
  for site in bench metro sport; do
    env "${@:3}" "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$1" site save --data "$2" --id "$site" --name "$site" \
      --origin http://localhost >/dev/null 2>&1
  done
}

sqlite_db() { # name comments: a database made by the build before, filled with the history
  mkdir -p "$WORK/$1"
  sites "$BEFORE_JAR" "$WORK/$1"
  local started=$SECONDS
  python3 bench/scale/fill.py "$WORK/$1/parley.db" "$2" "$GUESTS" "$NOW"
  echo "   $1: $2 comments written in $((SECONDS - started)) s, $(du -m "$WORK/$1/parley.db" | cut -f1) MB"
}

pg_schema() { # name comments
  SCHEMAS+=("$1")
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $1 CASCADE; CREATE SCHEMA $1" >/dev/null
  sites "$BEFORE_JAR" "$WORK/pg-data" PARLEY_DB_URL="$PG_URL?currentSchema=$1" PARLEY_DB_USER="${BENCH_PG_USER:-postgres}"
  local started=$SECONDS
  if [ "$2" -gt 0 ]; then
    PGOPTIONS="-c search_path=$1" "${PSQL[@]}" -v comments="$2" -v guests="$GUESTS" -v now="$NOW" -v seed=0.42 \
      -f bench/scale/fill-postgresql.sql >/dev/null
  else
    PGOPTIONS="-c search_path=$1" "${PSQL[@]}" -c "INSERT INTO guests (id, token_hash, created_at, network, crowded)
      SELECT format('g_%s', lpad(i::text, 17, '0')), encode(sha256(convert_to('bench-token-' || i, 'UTF8')), 'hex'), $NOW, NULL, false
      FROM generate_series(0, $GUESTS - 1) i" >/dev/null
  fi
  # As autovacuum would soon after such growth (it is off on the test cluster).
  "${PSQL[@]}" -c "SELECT format('ANALYZE %I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = '$1'" \
    | while read -r statement; do "${PSQL[@]}" -c "$statement"; done
  echo "   $1: $2 comments written and analysed in $((SECONDS - started)) s"
}

start() { # name jar, then environment assignments for the database
  local port launched
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  launched=$(date +%s%N)
  env "${@:3}" PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
    PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE=10000 \
    "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$2" serve --port "$port" > "$WORK/$1.log" 2>&1 &
  PIDS[$1]=$!
  BASES[$1]="http://127.0.0.1:$port"
  for _ in $(seq 1 3000); do curl -fs "${BASES[$1]}/api/v1/sites/bench/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "${BASES[$1]}/api/v1/sites/bench/thread?page=x" >/dev/null || { echo "bench: $1 did not start" >&2; cat "$WORK/$1.log" >&2; exit 1; }
  STARTUPS[$1]=$(python3 -c "print(f'{($(date +%s%N) - $launched) / 1e9:.1f}')")
}

stop_all() {
  for name in "${!PIDS[@]}"; do kill "${PIDS[$name]}" 2>/dev/null; wait "${PIDS[$name]}" 2>/dev/null || true; done
  PIDS=()
}

# CPU used so far by a server and, on PostgreSQL, by the backends serving its connections (found by their
# client ports), in clock ticks, as "pid ticks" lines.
cpu_ticks() {
  local pid=$1 ports
  echo "$pid $(awk '{print $14 + $15}' "/proc/$pid/stat")"
  ports=$(ss -tnpH state established '( dport = :5432 )' 2>/dev/null | grep "pid=$pid," | awk '{print $3}' | sed 's/.*://' | paste -sd, -)
  [ -n "$ports" ] || return 0
  "${PSQL[@]}" -c "SELECT pid FROM pg_stat_activity WHERE client_port IN ($ports)" | while read -r backend; do
    [ -r "/proc/$backend/stat" ] && echo "$backend $(awk '{print $14 + $15}' "/proc/$backend/stat")"
  done
  return 0
}

post() { # name page connections duration → wrk's "posted:" line
  PARLEY_BENCH_TOKENS="$TOKENS" PARLEY_BENCH_SITE=bench PARLEY_BENCH_PAGE="$2" \
    wrk -t1 -c"$3" -d"$4" --timeout 10s -s bench/post.lua "${BASES[$1]}" | grep '^posted'
}

warm() { # name: until the JIT has seen WARMUP_POSTS posts, or for at most WARMUP_SECONDS
  local posted=0 started=$SECONDS out
  while [ "$posted" -lt "$WARMUP_POSTS" ] && [ $((SECONDS - started)) -lt "$WARMUP_SECONDS" ]; do
    out=$(post "$1" "warm-up" 4 5s)
    posted=$((posted + $(sed 's/^posted: \([0-9]*\) requests.*/\1/' <<<"$out")))
  done
  echo "   $1: started in ${STARTUPS[$1]} s, warmed up with $posted posts"
}

load() { # name page connections → posts/s, CPU ms per post, p50, p99
  local pid=${PIDS[$1]} before after out requests
  before=$(cpu_ticks "$pid" | paste -sd' ' -)
  out=$(post "$1" "$2" "$3" "$DURATION")
  after=$(cpu_ticks "$pid" | paste -sd' ' -)
  if ! grep -q ' 0 errors (non-2xx 0)' <<<"$out"; then echo "$out" >&2; echo "bench: errors while posting" >&2; tail -20 "$WORK/$1.log" >&2; exit 1; fi
  requests=$(sed 's/^posted: \([0-9]*\) requests.*/\1/' <<<"$out")
  python3 -c "
import re, sys
rate, p50, p99 = re.search(r'([0-9.]+) req/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms', sys.argv[1]).groups()
ticks = lambda text: dict(zip(text.split()[0::2], map(int, text.split()[1::2])))
before, after = ticks('$before'), ticks('$after')  # a connection opened meanwhile counts from its start
cpu = sum(t - before.get(p, 0) for p, t in after.items()) * 1000 / $(getconf CLK_TCK) / $requests
print(f'{float(rate):6.0f}/s CPU {cpu:6.2f} ms p50 {float(p50):7.2f} p99 {float(p99):7.2f}')" "$out"
}

# Every server runs through the whole measurement, each measured in turn, so a busy neighbour on the
# machine weighs on all of them alike; rounds show the spread.
measure() { # vendor, then server names
  local round name
  for name in "${@:2}"; do warm "$name"; done
  printf '%-10s %-13s | %-47s | %-47s\n' "" "" "1 connection (posts/s, CPU per post, ms)" "$CONNECTIONS connections"
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${@:2}"; do
      printf '%-10s %-13s | %s | %s\n' "$1" "$name" "$(load "$name" "scale-$name-$round-1" 1)" "$(load "$name" "scale-$name-$round-$CONNECTIONS" "$CONNECTIONS")"
    done
  done
  stop_all
}

if [ "${BENCH_SQLITE:-1}" = 1 ]; then
echo "== SQLite: making the databases (by the build before) and starting a server on a copy for each build"
SERVERS=()
for size in $SIZES; do
  if [ "$size" = big ]; then sqlite_db sqlite-big "$COMMENTS"; else sqlite_db sqlite-empty 0; fi
done
for size in $SIZES; do
  for build in before after; do
    cp -r "$WORK/sqlite-$size" "$WORK/run-$size-$build"
    if [ $build = before ]; then jar=$BEFORE_JAR; else jar=$AFTER_JAR; fi
    start "$size-$build" "$jar" PARLEY_DATA="$WORK/run-$size-$build"
    SERVERS+=("$size-$build")
  done
done
rm -rf "$WORK/sqlite-big"
echo "== posting (moderation on), $DURATION per load, rounds: $ROUNDS"
measure sqlite "${SERVERS[@]}"
fi

if [ "$PG" = 1 ]; then
  echo "== PostgreSQL: making the schemas (by the build before, one per build, filled alike) and starting the servers"
  SERVERS=()
  for size in $SIZES; do
    for build in before after; do
      if [ $size = big ]; then comments=$COMMENTS; else comments=0; fi
      pg_schema "bench_scale_${size}_$build" "$comments"
    done
  done
  for size in $SIZES; do
    for build in before after; do
      if [ $build = before ]; then jar=$BEFORE_JAR; else jar=$AFTER_JAR; fi
      SERVERS+=("$size-$build")
      start "$size-$build" "$jar" PARLEY_DB_URL="$PG_URL?currentSchema=bench_scale_${size}_$build" \
        PARLEY_DB_USER="${BENCH_PG_USER:-postgres}" PARLEY_DATA="$WORK/pg-data"
    done
  done
  echo "== posting (moderation on), $DURATION per load, rounds: $ROUNDS"
  measure postgresql "${SERVERS[@]}"
fi
