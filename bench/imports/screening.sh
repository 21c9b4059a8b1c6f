#!/usr/bin/env bash
# Benchmark (not a test): how fast a running Parley screens the comments an import brought in (the background job
# 'screen-imported-comments': word lists and the abuse model with its sentence encoder, each comment read, judged
# and written back in a short transaction of its own).
#
#   bench/imports/screening.sh [-n COMMENTS] [--postgres]
#
# Makes a WordPress export of COMMENTS comments (default 3,000) of 10 to 20 words, a quarter of them hostile (the
# sentences of src/test/resources/abuse), imports it into an empty database (SQLite, or with --postgres a schema of
# its own in 127.0.0.1:5432/test, dropped at the end), starts 'parley serve' on a free port and waits until nothing
# waits. The job's first check comes a minute after the start; then each run logs what it screened, at what rate.
set -euo pipefail
cd "$(dirname "$0")/../.."
COMMENTS=3000; POSTGRES=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) COMMENTS=$2; shift 2 ;;
    --postgres) POSTGRES=1; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d /tmp/parley-screening.XXXXXX)
PID=""; SCHEMA="parley_bench_screening_$$"
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [ -n "$POSTGRES" ] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

./parley build >/dev/null
if [ -n "$POSTGRES" ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA"
  export PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" PARLEY_DB_USER=postgres
fi

python3 - "$COMMENTS" > "$WORK/export.xml" <<'EOF'
import random, sys
from xml.sax.saxutils import escape
random.seed(11)
def sentences(path):
    return [l.strip() for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]
hostile = sentences('src/test/resources/abuse/hostile-sentences.txt')
civil = sentences('src/test/resources/abuse/neutral-hard-sentences.txt')
filler = 'the council said the bridge would reopen next spring after the repairs were checked again'.split()
def comment(pool):
    words = random.choice(pool).split()
    while len(words) < 10:
        words += random.sample(filler, 3)
    return ' '.join(words[:random.randint(10, 20)])
n = int(sys.argv[1])
print('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>')
for p in range(0, n, 50):
    print(f'<item><title>Story {p}</title><wp:post_id>{p + 1}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>')
    for c in range(p, min(n, p + 50)):
        text = comment(hostile if c % 4 == 0 else civil)
        print(f'<wp:comment><wp:comment_id>{c + 1}</wp:comment_id><wp:comment_author>Reader {c % 700}</wp:comment_author>'
              f'<wp:comment_date_gmt>2020-01-01 00:{c % 60:02d}:00</wp:comment_date_gmt>'
              f'<wp:comment_content>{escape(text)}</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>')
    print('</item>')
print('</channel></rss>')
EOF

DATA="$WORK/data"
PARLEY_AOT_CACHE=off ./parley site save --id bench --name Bench --origin https://bench.example --data "$DATA" >/dev/null
PARLEY_AOT_CACHE=off ./parley import wordpress --site bench --page-key id --data "$DATA" "$WORK/export.xml" | head -1
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
PARLEY_AOT_CACHE=off ./parley serve --port "$PORT" --data "$DATA" > "$WORK/serve.log" 2>&1 &
PID=$!
echo "parley serve started on port $PORT; the screening job first looks after a minute"
deadline=$((SECONDS + 60 + COMMENTS / 20 + 300))
until grep -q "screened .* 0 wait" "$WORK/serve.log"; do
  if [ $SECONDS -gt $deadline ] || ! kill -0 "$PID" 2>/dev/null; then
    echo "bench: screening did not finish; the server's log:" >&2; tail -20 "$WORK/serve.log" >&2; exit 1
  fi
  sleep 2
done
grep -o "screened .*" "$WORK/serve.log"
