#!/usr/bin/env bash
# Posting with a big word list (not a test): comments posted on a site whose word list holds 100,000
# terms against comments posted on a site with none, side by side in one run of one server (moderation
# on, every comment screened), in alternating rounds: posting slows as the database grows, so a site
# measured after the other would look slower for that alone. Results go into docs/PERFORMANCE.md by hand.
#
#   bench/words-posting.sh              # needs wrk (apt-get install wrk); about two minutes
#   PARLEY_JAR=/path/to/old/parley.jar bench/words-posting.sh   # the same against another build
#
# The 100,000 terms are written into the database before the server starts (the list a newsroom already
# has), so the first comment on the listed site compiles it; the runs after a warm-up measure steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
DURATION=${BENCH_DURATION:-5s}
ROUNDS=${BENCH_ROUNDS:-3}
JAR=${PARLEY_JAR:-target/parley.jar}
[ -n "${PARLEY_JAR:-}" ] || ./parley build
JAVA="$(./parley jdk)/bin/java"

WORK=$(mktemp -d /tmp/parley-words.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $($JAVA -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg); jar $JAR"
for site in plain listed; do
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" site save --data "$WORK/data" --id "$site" --name "$site" \
    --origin http://localhost >/dev/null 2>&1
done
python3 - "$WORK/data/parley.db" <<'PY'
import random, sqlite3, sys
random.seed(100_000)
letters = "abcdefghijklmnopqrstuvwxyz"
terms = set()
while len(terms) < 100_000:
    words = ["".join(random.choice(letters) for _ in range(random.randint(4, 11))) for _ in range(random.choice([1, 1, 1, 2]))]
    terms.add(" ".join(words))
db = sqlite3.connect(sys.argv[1])
db.executemany("INSERT INTO word_terms (site_id, term, kind, added_at, added_by) VALUES ('listed', ?, ?, 0, 'bench')",
               [(t, "banned" if i % 2 else "suspect") for i, t in enumerate(sorted(terms))])
db.commit()
PY

PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE=10000 \
"$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -jar "$JAR" serve --data "$WORK/data" --port "$PORT" \
  > "$WORK/parley.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT/api/v1/sites/plain/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/api/v1/sites/plain/thread?page=x" >/dev/null || { echo "bench: Parley did not start" >&2; cat "$WORK/parley.log" >&2; exit 1; }

tokens() { for _ in $(seq 1 300); do curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/sites/$1/guests" \
  -H "X-Forwarded-For: 10.9.$((RANDOM % 256)).$((RANDOM % 256))" | sed 's/.*"token":"\([^"]*\)".*/\1/'; echo; done | tr '\n' ' '; }
declare -A TOKENS
run() { # site round connections
  PARLEY_BENCH_TOKENS="${TOKENS[$1]}" PARLEY_BENCH_SITE=$1 PARLEY_BENCH_PAGE="words-$2-$3" \
    wrk -t1 -c"$3" -d"$DURATION" -s bench/post.lua "http://127.0.0.1:$PORT" | grep '^posted' | sed "s/^/round $2, $1, $3 connection(s): /"
}
for site in plain listed; do
  TOKENS[$site]=$(tokens $site)
  PARLEY_BENCH_TOKENS="${TOKENS[$site]}" PARLEY_BENCH_SITE=$site PARLEY_BENCH_PAGE=warm-up \
    wrk -t1 -c4 -d5s -s bench/post.lua "http://127.0.0.1:$PORT" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for site in plain listed; do run $site "$round" 1; done
  for site in plain listed; do run $site "$round" 8; done
done
echo "== Parley RSS after the run: $(ps -o rss= -p "$PID" | awk '{print int($1/1024)" MiB"}')"
