#!/usr/bin/env bash
# Parley's benchmark (not a test): thread reads against nginx serving the same bytes, comment posting,
# and the first page of a 10,000-comment thread. Results go into docs/PERFORMANCE.md by hand.
#
#   bench/run.sh            # needs wrk and nginx (Debian packages: apt-get install wrk nginx-light)
#
# Everything listens on 127.0.0.1 on free ports and is stopped at the end; data lives in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "bench: needs nginx (apt-get install nginx-light)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DURATION=${BENCH_DURATION:-10s}

./parley build
JAVA="$(./parley jdk)/bin/java"

WORK=$(mktemp -d /tmp/parley-bench.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(free_port); NGINX_PORT=$(free_port)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1024/1024)" GiB"}'), $($JAVA -version 2>&1 | head -1)"
"$JAVA" --enable-native-access=ALL-UNNAMED -jar target/parley.jar site save --data "$WORK/data" \
  --id bench --name "Bench" --origin http://localhost >/dev/null
# One machine plays every reader: lift the per-commenter and per-address rate limits (moderation stays on).
PARLEY_MODERATION_COMMENTS_PER_MINUTE=1000 PARLEY_MODERATION_COMMENTS_PER_HOUR=100000 \
PARLEY_MODERATION_ADDRESS_COMMENTS_PER_MINUTE=10000 \
"$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -jar target/parley.jar serve --data "$WORK/data" --port "$PORT" \
  > "$WORK/parley.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$PORT/api/v1/sites/bench"
for _ in $(seq 1 100); do curl -fs "$BASE/thread?page=x" >/dev/null 2>&1 && break; sleep 0.1; done

# Each guest is made from its own address (through the trusted loopback proxy), as readers' browsers are:
# one address making hundreds of guests would be limited and its guests made to share one allowance.
guest() { curl -fs -X POST "$BASE/guests" -H "X-Forwarded-For: 10.$((RANDOM % 256)).$((RANDOM % 256)).$((RANDOM % 256))" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
post() { # token page parent body
  local parent=null; [ -n "$3" ] && parent="\"$3\""
  curl -fs -X POST "$BASE/comments" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "{\"page\":\"$2\",\"parentId\":$parent,\"body\":\"$4\",\"name\":\"Reader $RANDOM\"}" | sed 's/^{"id":"\([^"]*\)".*/\1/'
}

echo "== seeding a 200-comment thread (50 top-level, 150 replies)"
TOKENS=(); for i in $(seq 1 10); do TOKENS+=("$(guest)"); done
for i in $(seq 1 50); do
  top=$(post "${TOKENS[$((i % 10))]}" bench-200 "" "Top-level comment $i: a paragraph of ordinary length, the kind readers write under a news story, with *some* emphasis and a [link](https://example.org/$i).")
  parent=$top
  for j in 1 2 3; do
    reply=$(post "${TOKENS[$(((i + j) % 10))]}" bench-200 "$parent" "Reply $j to comment $i, answering the point above and adding one more thought of its own.")
    [ "$j" -eq 1 ] && parent=$reply
  done
done
for c in $(seq 1 40); do
  id=$(curl -fs "$BASE/thread?page=bench-200&sort=oldest&limit=50" | grep -o '"id":"c_[^"]*"' | sed -n "$((c * 3))p" | cut -d'"' -f4)
  [ -n "$id" ] && curl -fs -X PUT "$BASE/comments/$id/vote" -H "Authorization: Bearer ${TOKENS[$((c % 10))]}" \
    -H 'Content-Type: application/json' -d '{"value":1}' >/dev/null || true
done

READ="/thread?page=bench-200&sort=best&limit=20"
curl -fs -H 'Accept-Encoding: gzip' "$BASE$READ" -o "$WORK/thread.json.gz"
curl -fs "$BASE$READ" -o "$WORK/thread.json"
echo "first-load response: $(wc -c < "$WORK/thread.json") bytes, $(wc -c < "$WORK/thread.json.gz") gzip"

mkdir -p "$WORK/nginx"
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
  uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /thread {
      default_type application/json;
      add_header Content-Encoding gzip;
      add_header Cache-Control no-cache;
      etag on;
      alias $WORK/thread.json.gz;
    }
  }
}
NGINX
chmod -R a+rX "$WORK"   # nginx workers run as an unprivileged user
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/thread" -o /dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$NGINX_PORT/thread" -o "$WORK/nginx-copy.gz"
cmp -s "$WORK/nginx-copy.gz" "$WORK/thread.json.gz" || { echo "bench: nginx does not serve the same bytes" >&2; exit 1; }
echo "nginx serves the identical $(wc -c < "$WORK/thread.json.gz") bytes"

rps() { sed -n 's/^Requests\/sec: *//p'; }
# A run with error responses measures the wrong thing: stop rather than report it.
checked() { local out; out=$(wrk "$@"); if grep -q 'Non-2xx' <<<"$out"; then echo "$out" >&2; echo "bench: errors in wrk $*" >&2; exit 1; fi; echo "$out"; }
echo "== thread read, widget first load (gzip), wrk -t2 -c32 -d$DURATION, warm-up 5s first"
wrk -t2 -c32 -d5s -H 'Accept-Encoding: gzip' "$BASE$READ" >/dev/null
PARLEY_OUT=$(checked -t2 -c32 -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$BASE$READ")
wrk -t2 -c32 -d5s "http://127.0.0.1:$NGINX_PORT/thread" >/dev/null
NGINX_OUT=$(checked -t2 -c32 -d"$DURATION" --latency "http://127.0.0.1:$NGINX_PORT/thread")
P=$(echo "$PARLEY_OUT" | rps); N=$(echo "$NGINX_OUT" | rps)
echo "parley: $P req/s, p99 $(echo "$PARLEY_OUT" | awk '/ 99%/{print $2}')"
echo "nginx:  $N req/s, p99 $(echo "$NGINX_OUT" | awk '/ 99%/{print $2}')"
echo "ratio parley/nginx: $(python3 -c "print(f'{$P/$N*100:.0f} %')")"

echo "== posting comments (moderation on: every comment screened), 300 guests, new page each run"
PARLEY_BENCH_TOKENS=$(for _ in $(seq 1 300); do guest; echo; done | tr '\n' ' ')
export PARLEY_BENCH_TOKENS PARLEY_BENCH_SITE=bench
PARLEY_BENCH_PAGE=bench-seq wrk -t1 -c1 -d"$DURATION" -s bench/post.lua "$BASE" | grep '^posted' | sed 's/^/sequential (1 connection): /'
PARLEY_BENCH_PAGE=bench-concurrent wrk -t2 -c32 -d"$DURATION" -s bench/post.lua "$BASE" | grep '^posted' | sed 's/^/concurrent (32 connections): /'
while [ "$(curl -fs "$BASE/counts?page=bench-10k" | grep -o '[0-9]*}' | tr -d '}')" -lt 10000 ]; do
  PARLEY_BENCH_PAGE=bench-10k wrk -t2 -c32 -d2s -s bench/post.lua "$BASE" >/dev/null
done
echo "bench-10k holds $(curl -fs "$BASE/counts?page=bench-10k" | grep -o '[0-9]*}' | tr -d '}') comments"

echo "== first page of the 10,000-comment thread (gzip), after one warm-up request"
curl -fs -H 'Accept-Encoding: gzip' "$BASE/thread?page=bench-10k&sort=best&limit=20" -o /dev/null
for c in 4 32; do
  OUT=$(checked -t2 -c$c -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$BASE/thread?page=bench-10k&sort=best&limit=20")
  echo "-c$c: $(echo "$OUT" | rps) req/s, p50 $(echo "$OUT" | awk '/ 50%/{print $2}'), p99 $(echo "$OUT" | awk '/ 99%/{print $2}')"
done
echo "== Parley RSS after the run: $(ps -o rss= -p "${PIDS[0]}" | awk '{print int($1/1024)" MiB"}')"
