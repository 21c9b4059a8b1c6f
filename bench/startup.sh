#!/usr/bin/env bash
# Benchmark (not a test): start-up time and idle memory of the server, several designs side by side in one
# run, each started RUNS times in turn (before, after, after+aot, before, …) so a busy machine weighs on all alike.
#
#   bench/startup.sh [-n RUNS] [--postgres] [--idle SECONDS] [--designs LIST] [--opts 'LABEL=[VAR=VALUE …] JVM OPTIONS']… [BEFORE_REF]
#
# Each design runs the installed archive's launcher (bin/parley serve) on a copy of one database holding a site
# and a 200-comment thread. Reported per design: milliseconds from launch to the first 200 answer to the
# widget's first-load thread read (gzip), the CPU time the process had used by then (user and system, the
# launcher's own children included: less sensitive to other work on the machine than the wall time), and
# VmRSS after --idle seconds (default 10) of idling.
#   before      BEFORE_REF's archive (default: the commit before this benchmark was added), its default options
#   after       this checkout's archive, default options, PARLEY_AOT_CACHE=off
#   after+aot   this checkout's archive with the AOT cache its 'parley aot-cache' builds (JDK 25 or newer)
#   --opts      one more design: this checkout with the AOT cache and PARLEY_JAVA_OPTS set to the options given;
#               leading VAR=VALUE words go to the environment (MALLOC_ARENA_MAX=2 -Xmx128m)
#   before+aot  BEFORE_REF's archive with its AOT cache (a BEFORE_REF that has 'parley aot-cache')
# --designs picks among these (comma-separated; default before,after,after+aot).
# --postgres runs every design on PostgreSQL (127.0.0.1:5432, database test, user postgres) in a schema of its
# own, dropped at the end, instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5; IDLE=10; POSTGRES=""; DESIGNS="before,after,after+aot"; EXTRA=(); BEFORE_REF=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --postgres) POSTGRES=1; shift ;;
    --designs) DESIGNS=$2; shift 2 ;;
    --opts) EXTRA+=("$2"); shift 2 ;;
    -*) echo "bench: unknown flag $1" >&2; exit 2 ;;
    *) BEFORE_REF=$1; shift ;;
  esac
done
BEFORE_REF=${BEFORE_REF:-$(git log --diff-filter=A --format=%H -1 -- bench/startup.sh 2>/dev/null | sed 's/$/^/')}
BEFORE_REF=${BEFORE_REF:-HEAD}
WORK=$(mktemp -d /tmp/parley-startup.XXXXXX)
PID=""; SCHEMA="parley_bench_startup_$$"
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  git worktree remove --force "$WORK/src-before" 2>/dev/null || true
  [ -n "$POSTGRES" ] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

./parley build >/dev/null
export JAVA_HOME; JAVA_HOME=$(./parley jdk)
JAVA="$JAVA_HOME/bin/java"
unpack() { mkdir -p "$WORK/$1" && tar -xzf "$2" -C "$WORK/$1" --strip-components 1; }
unpack after target/parley-*.tar.gz
if [[ ",$DESIGNS," == *",before"* ]]; then
  git worktree add -q --detach "$WORK/src-before" "$BEFORE_REF"
  (cd "$WORK/src-before" && JAVA_HOME="$(dirname "$(dirname "$JAVA")")" mvn -B -q -DskipTests package >/dev/null)
  unpack before "$WORK"/src-before/target/parley-*.tar.gz
fi

# label build aot env-and-options
LABELS=(); BUILDS=(); AOTS=(); OPTS=()
add() { LABELS+=("$1"); BUILDS+=("$2"); AOTS+=("$3"); OPTS+=("$4"); }
IFS=, read -ra chosen <<< "$DESIGNS"
for d in "${chosen[@]}"; do
  case "$d" in
    before) add before before off "" ;;
    after) add after after off "" ;;
    after+aot) add after+aot after "$WORK/after+aot.aot" "" ;;
    before+aot) add before+aot before "$WORK/before+aot.aot" "" ;;
    *) echo "bench: unknown design $d" >&2; exit 2 ;;
  esac
done
for spec in "${EXTRA[@]}"; do add "${spec%%=*}" after "$WORK/${spec%%=*}.aot" "${spec#*=}"; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
if [ -n "$POSTGRES" ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA"
  export PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" PARLEY_DB_USER=postgres
fi
# environment for design $1: its VAR=VALUE words, then PARLEY_JAVA_OPTS from the rest, PARLEY_AOT_CACHE
design_env() {
  local words=() env=() opts=()
  read -ra words <<< "${OPTS[$1]}"
  for w in "${words[@]}"; do
    if [[ ${#opts[@]} -eq 0 && "$w" =~ ^[A-Z_][A-Z0-9_]*= ]]; then env+=("$w"); else opts+=("$w"); fi
  done
  [ ${#opts[@]} -gt 0 ] && env+=("PARLEY_JAVA_OPTS=${opts[*]}")
  env+=("PARLEY_AOT_CACHE=${AOTS[$1]}")
  printf '%s\n' "${env[@]}"
}
in_env() { local i=$1; shift; local env=(); mapfile -t env < <(design_env "$i"); env "${env[@]}" "$@"; }

echo "== seeding a 200-comment thread (50 top-level, 150 replies) with the ${BUILDS[0]} build"
SEED=${BUILDS[0]}
"$WORK/$SEED/bin/parley" site save --data "$WORK/data" --id bench --name Bench --origin http://localhost >/dev/null 2>&1
PORT=$(free_port)
# One machine plays every reader: lift the per-commenter and per-address rate limits (moderation stays on).
PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE=10000 PARLEY_AOT_CACHE=off "$WORK/$SEED/bin/parley" serve --data "$WORK/data" --port "$PORT" > "$WORK/seed.log" 2>&1 &
PID=$!
BASE="http://127.0.0.1:$PORT/api/v1/sites/bench"
for _ in $(seq 1 300); do curl -fs "$BASE/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done
guest() { curl -fs -X POST "$BASE/guests" -H "X-Forwarded-For: 10.$((RANDOM % 256)).$((RANDOM % 256)).1" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
post() { # token parent body
  local parent=null; [ -n "$2" ] && parent="\"$2\""
  curl -fs -X POST "$BASE/comments" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"page\":\"bench-200\",\"parentId\":$parent,\"body\":\"$3\",\"name\":\"Reader $RANDOM\"}" | sed 's/^{"id":"\([^"]*\)".*/\1/'
}
for i in $(seq 1 50); do
  token=$(guest)
  parent=$(post "$token" "" "Top-level comment $i: a paragraph of ordinary length, the kind readers write under a news story, with *some* emphasis.")
  for j in 1 2 3; do
    reply=$(post "$(guest)" "$parent" "Reply $j to comment $i, answering the point above and adding one more thought.")
    [ "$j" -eq 1 ] && parent=$reply
  done
done
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
[ -n "$POSTGRES" ] || for i in "${!LABELS[@]}"; do cp -r "$WORK/data" "$WORK/data-$i"; done

for i in "${!LABELS[@]}"; do
  if [ "${AOTS[$i]}" != off ]; then
    echo "== building the AOT cache for ${LABELS[$i]}"
    in_env "$i" "$WORK/${BUILDS[$i]}/bin/parley" aot-cache
  fi
done

# Launches the command after --, times the first 200 of URL, idles, reads VmRSS, stops it with SIGTERM.
MEASURE=$(cat <<'PY'
import http.client, os, signal, subprocess, sys, time
port, path, idle, log = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
with open(log, "w") as out:
    start = time.monotonic()
    proc = subprocess.Popen(sys.argv[6:], stdout=out, stderr=subprocess.STDOUT)
    first = None
    while time.monotonic() - start < 120 and proc.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path, headers={"Accept-Encoding": "gzip"})
            r = c.getresponse(); r.read(); c.close()
            if r.status == 200:
                first = time.monotonic()
                with open(f"/proc/{proc.pid}/stat") as stat:  # user, system, and the launcher's children's
                    fields = stat.read().rsplit(")", 1)[1].split()
                cpu = sum(int(f) for f in fields[11:15]) * 1000 // os.sysconf("SC_CLK_TCK")
                break
        except OSError:
            pass
        time.sleep(0.005)
    rss = ""
    if first is not None:
        time.sleep(idle)
        with open(f"/proc/{proc.pid}/status") as status:
            rss = next(l.split()[1] for l in status if l.startswith("VmRSS:"))
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
    print(f"{(first - start) * 1000:.0f} {cpu} {int(rss) // 1024}" if first else "failed - -")
PY
)
READ="/api/v1/sites/bench/thread?page=bench-200&sort=best&limit=20"
echo "== machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== before: $(git rev-parse --short "$BEFORE_REF"), after: $(git rev-parse --short HEAD) + working tree; $RUNS runs each, idle ${IDLE}s; store: ${POSTGRES:+postgresql}${POSTGRES:-sqlite}"
declare -A MS CPU RSS
for run in $(seq 1 "$RUNS"); do
  for i in "${!LABELS[@]}"; do
    data="$WORK/data-$i"; [ -n "$POSTGRES" ] && data="$WORK/data"
    for _ in 1 2 3; do # a free port can be taken by another process before the server binds it: try another
      PORT=$(free_port)
      read -r ms cpu rss < <(in_env "$i" python3 -c "$MEASURE" "$PORT" "$READ" "$IDLE" "$WORK/run.log" -- \
        "$WORK/${BUILDS[$i]}/bin/parley" serve --data "$data" --port "$PORT")
      [ "$ms" = failed ] && grep -q 'cannot listen' "$WORK/run.log" || break
    done
    if [ "$ms" = failed ]; then echo "bench: ${LABELS[$i]} did not answer; its log:" >&2; cat "$WORK/run.log" >&2; exit 1; fi
    MS[$i]="${MS[$i]:-} $ms"; CPU[$i]="${CPU[$i]:-} $cpu"; RSS[$i]="${RSS[$i]:-} $rss"
    printf '  run %d %-12s first thread read %5d ms (%5d ms of CPU), idle RSS %4d MiB\n' "$run" "${LABELS[$i]}" "$ms" "$cpu" "$rss"
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
summary() { python3 -c 'import sys, statistics as s; v=sorted(map(int, sys.argv[1:])); print(f"{v[0]}–{v[-1]} (median {s.median(v):.0f})")' "$@"; }
printf '%-14s %-34s %-30s %s\n' design "launch to first thread read, ms" "CPU used until then, ms" "idle RSS, MiB"
for i in "${!LABELS[@]}"; do
  # shellcheck disable=SC2086
  printf '%-14s %-34s %-30s %s\n' "${LABELS[$i]}" "$(summary ${MS[$i]})" "$(summary ${CPU[$i]})" "$(summary ${RSS[$i]})"
done
