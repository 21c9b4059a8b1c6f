#!/usr/bin/env bash
# Benchmark (not a test): how fast 'parley import' stores a generated export into an empty SQLite database, and
# with how much memory, several designs side by side in one run, each run RUNS times in turn (before, after,
# before, …) so a busy machine weighs on all alike.
#
#   bench/imports/import.sh [-n RUNS] [--format wordpress|disqus] [--pages N] [--per N] [--authors N] [--long-tail]
#                           [--designs LIST] [--opts 'LABEL=JVM OPTIONS']… [BEFORE_REF]
#
# The export is made by generate-export.py (default: WordPress, 10,000 pages × 100 comments = 1,000,000 comments,
# 5,000 authors; --long-tail draws authors as a real site has them, most writing once or twice). Every design runs
# the installed archive's launcher with PARLEY_JAVA_OPTS (default -Xmx256m -XX:+UseSerialGC: the bounded memory the
# README documents for imports) and no AOT cache. Reported per run: wall time from launch to the summary (both
# passes: the check, then the store), comments stored per second of it, CPU time (user and system) and max RSS.
#   before   BEFORE_REF's archive (default: the commit before this benchmark was added)
#   after    this checkout's archive
#   --opts   one more design: this checkout with PARLEY_JAVA_OPTS set to the options given
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=3; FORMAT=wordpress; PAGES=10000; PER=100; AUTHORS=5000; TAIL=""; DESIGNS="before,after"; EXTRA=(); BEFORE_REF=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) RUNS=$2; shift 2 ;;
    --format) FORMAT=$2; shift 2 ;;
    --pages) PAGES=$2; shift 2 ;;
    --per) PER=$2; shift 2 ;;
    --authors) AUTHORS=$2; shift 2 ;;
    --long-tail) TAIL=long-tail; shift ;;
    --designs) DESIGNS=$2; shift 2 ;;
    --opts) EXTRA+=("$2"); shift 2 ;;
    -*) echo "bench: unknown flag $1" >&2; exit 2 ;;
    *) BEFORE_REF=$1; shift ;;
  esac
done
case "$FORMAT" in wordpress) KIND=wxr ;; disqus) KIND=disqus ;; *) echo "bench: --format wordpress or disqus" >&2; exit 2 ;; esac
BEFORE_REF=${BEFORE_REF:-$(git log --diff-filter=A --format=%H -1 -- bench/imports/import.sh 2>/dev/null | sed 's/$/^/')}
BEFORE_REF=${BEFORE_REF:-HEAD}
WORK=$(mktemp -d /tmp/parley-import.XXXXXX)
cleanup() {
  git worktree remove --force "$WORK/src-before" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT

./parley build >/dev/null
export JAVA_HOME; JAVA_HOME=$(./parley jdk)
unpack() { mkdir -p "$WORK/$1" && tar -xzf "$2" -C "$WORK/$1" --strip-components 1; }
unpack after target/parley-*.tar.gz
if [[ ",$DESIGNS," == *",before,"* ]]; then
  git worktree add -q --detach "$WORK/src-before" "$BEFORE_REF"
  (cd "$WORK/src-before" && mvn -B -q -DskipTests package >/dev/null)
  unpack before "$WORK"/src-before/target/parley-*.tar.gz
fi

LABELS=(); BUILDS=(); OPTS=()
IFS=, read -ra chosen <<< "$DESIGNS"
for d in "${chosen[@]}"; do LABELS+=("$d"); BUILDS+=("$d"); OPTS+=("-Xmx256m -XX:+UseSerialGC"); done
for spec in "${EXTRA[@]}"; do LABELS+=("${spec%%=*}"); BUILDS+=(after); OPTS+=("${spec#*=}"); done

EXPORT="$WORK/export.xml"
python3 bench/imports/generate-export.py "$KIND" "$PAGES" "$PER" "$AUTHORS" $TAIL > "$EXPORT"
COMMENTS=$((PAGES * PER))
echo "export: $FORMAT, $PAGES pages × $PER comments, $AUTHORS authors ${TAIL:-evenly}, $(du -m "$EXPORT" | cut -f1) MB"

printf '%-12s %4s %10s %12s %10s %10s %10s\n' design run "wall s" "comments/s" "user s" "sys s" "max RSS MB"
for run in $(seq 1 "$RUNS"); do
  for i in "${!LABELS[@]}"; do
    data="$WORK/data-$i"; rm -rf "$data"
    launcher="$WORK/${BUILDS[$i]}/bin/parley"
    PARLEY_AOT_CACHE=off "$launcher" site save --id bench --name Bench --origin https://bench.example --data "$data" >/dev/null 2>&1
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" env PARLEY_AOT_CACHE=off PARLEY_JAVA_OPTS="${OPTS[$i]}" \
      "$launcher" import "$FORMAT" --site bench --page-key id --data "$data" "$EXPORT" > "$WORK/out" 2>&1 \
      || { echo "bench: ${LABELS[$i]} failed:" >&2; tail -5 "$WORK/out" >&2; exit 1; }
    grep -q "^imported $(python3 -c "print(f'{$COMMENTS:,}')") comments" "$WORK/out" \
      || { echo "bench: ${LABELS[$i]} did not import every comment:" >&2; tail -5 "$WORK/out" >&2; exit 1; }
    read -r wall user sys rss < "$WORK/time"
    printf '%-12s %4d %10.1f %12.0f %10.1f %10.1f %10.0f\n' "${LABELS[$i]}" "$run" "$wall" \
      "$(echo "$COMMENTS / $wall" | bc -l)" "$user" "$sys" "$((rss / 1024))"
    rm -rf "$data"
  done
done
