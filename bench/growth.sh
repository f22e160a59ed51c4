#!/usr/bin/env bash
# Growth: build time, index size, peak RSS and query latency of seisaku beside
# Lucene 8 + kuromoji as the corpus grows (issue 19, item 4).
#
#   bash bench/growth.sh [stage ...]     stages: build sizes variant table clean
#
# Environment: SIZES ("10 100 400 1000", MB of synthetic text from the seed
# documents, run small to large); OUT (bench/out/growth) for corpora, indexes
# and raw records; ANCHORS (../shared/anchors); WARMUP (3), PASSES (10).
# At each size the systems run in turn, Lucene then seisaku, never together:
#   corpus   gen -mb N
#   index    Lucene with 1 thread; `seisaku index` with default flags
#            (both under /usr/bin/time -v: wall and peak RSS)
#   query    the 30 anchor queries: Lucene in process, 1 client (its harness
#            is single-threaded); seisaku's server over loopback with
#            bench/loadtest -c 1,8 (search only), then the server's peak RSS
#            (VmHWM) after the runs
# Every record is one JSON line in $OUT/raw.jsonl with the 1-minute load
# average before and after (load_before, load_after): the machine is shared.
# `table` prints the growth table from it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
OUT=${OUT:-$ROOT/bench/out/growth}
SIZES=${SIZES:-10 100 400 1000}
PASSES=${PASSES:-10}
WARMUP=${WARMUP:-3}
PORT=${PORT:-18090}
mkdir -p "$OUT/bin" "$OUT/data" "$OUT/idx"
RAW=$OUT/raw.jsonl
REC="python3 $ANCHORS/tools/rec.py --out $RAW"

load1() { cut -d' ' -f1 /proc/loadavg; }

# tag_last LOAD_BEFORE [key=value ...]: adds the load averages and the given
# fields to the last record of $RAW
tag_last() {
  python3 - "$RAW" "$@" "load_after=$(load1)" <<'PY'
import json, sys
raw, before, *kv = sys.argv[1:]
lines = open(raw, encoding="utf-8").read().splitlines()
d = json.loads(lines[-1])
d["load_before"] = float(before)
for x in kv:
    k, v = x.split("=", 1)
    try:
        v = float(v)
    except ValueError:
        pass
    d[k] = v
lines[-1] = json.dumps(d, ensure_ascii=False)
open(raw, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
}

append() { # append JSON_OBJECT
  printf '%s\n' "$1" >>"$RAW"
}

du_mb() { du -s --block-size=1 "$1" | awk '{printf "%.1f", $1/1e6}'; }

stage_build() { # the same binaries and classes as bench/run.sh's build, under $OUT
  OUT=$OUT ANCHORS=$ANCHORS bash "$ROOT/bench/run.sh" build
}

# serve_measure LABEL DIRS [SERVE_FLAGS...]: seisaku's server on DIRS (one
# index, or several separated by commas), the anchor queries at 1 and 8
# clients, and the server's peak RSS, recorded under the corpus LABEL
serve_measure() {
  local c=$1 dirs=$2 l0 pid line rss
  shift 2
  "$OUT/bin/seisaku" serve -index "$dirs" "$@" -addr 127.0.0.1:$PORT -rate 0 -suggest-rate 0 -log-level warn &
  pid=$!
  for _ in $(seq 1 240); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.5; done
  l0=$(load1)
  "$OUT/bin/loadtest" -url http://127.0.0.1:$PORT -queries "$ANCHORS/queries.txt" -c 1,8 -suggest=false \
    -warmup "$WARMUP" -passes "$PASSES" >"$OUT/loadtest-$c.jsonl"
  while read -r line; do
    echo "$line"
    python3 - "$RAW" "$c" "$l0" "$(load1)" "$line" <<'PY'
import json, sys
raw, corpus, before, after, line = sys.argv[1:]
d = json.loads(line)
d.update({"stage": "query", "name": f"seisaku-{d['op']}-c{d['concurrency']}", "corpus": corpus, "run": 1,
          "load_before": float(before), "load_after": float(after)})
open(raw, "a", encoding="utf-8").write(json.dumps(d, ensure_ascii=False) + "\n")
PY
  done <"$OUT/loadtest-$c.jsonl"
  rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  append "$(printf '{"stage":"query","name":"seisaku-server","corpus":"%s","run":1,"peak_rss_mb":%s,"load_after":%s}' "$c" "$rss" "$(load1)")"
  echo "seisaku server peak RSS: $rss MB"
}

one_size() {
  local n=$1 c="seeds$1" l0 data
  data=$OUT/data/$c.jsonl
  echo "--- $c ($(date -u +%H:%M:%S), load $(load1))"
  [ -s "$data" ] || "$OUT/bin/gen" -src seeds -dir "$ANCHORS/../seeds" -mb "$n" -out "$data"
  append "$(printf '{"stage":"corpus","name":"gen","corpus":"%s","bytes":%d}' "$c" "$(stat -c %s "$data")")"

  rm -rf "$OUT/idx/$c"
  mkdir -p "$OUT/idx/$c"
  l0=$(load1)
  $REC --stage index --name lucene-t1 --corpus "$c" --run 1 -- \
    java -cp "$OUT/lucene-classes:$CP" LuceneBench index "$data" "$OUT/idx/$c/lucene-t1" 1
  tag_last "$l0" "index_du_mb=$(du_mb "$OUT/idx/$c/lucene-t1")"

  l0=$(load1)
  $REC --stage index --name seisaku --corpus "$c" --run 1 -- \
    "$OUT/bin/seisaku" index -json -progress off -index "$OUT/idx/$c/seisaku" "$data"
  tag_last "$l0" "index_du_mb=$(du_mb "$OUT/idx/$c/seisaku")"

  l0=$(load1)
  $REC --stage query --name lucene-c1 --corpus "$c" --run 1 -- \
    java -cp "$OUT/lucene-classes:$CP" LuceneBench query "$OUT/idx/$c/lucene-t1" "$ANCHORS/queries.txt" \
    "$WARMUP" "$PASSES" "$OUT/hits-$c-lucene.tsv"
  tag_last "$l0"

  # the server as a user starts it: its postings cache sized by the index since
  # 2026-12-07, by its size on disk until 3fccc9c and by its passages since
  # (docs/benchmarks.md, "Growth (2026-12-06, night)" was taken with 256 MB)
  serve_measure "$c" "$OUT/idx/$c/seisaku"
}

stage_sizes() {
  . "$ANCHORS/lucene/cp.sh" # (it sets $n and $J; sourced before the loop uses n)
  local n
  for n in $SIZES; do one_size "$n"; done
}

# variant: the server alone on indexes the sizes stage left, in another shape:
# VARIANT ("seeds10,seeds100,seeds400") several indexes served as one
# (`serve -index a,b,c`), with CACHE_MB (256) of postings cache;
# 1 and 8 clients as above, recorded under the corpus "a+b+c@cacheN"
stage_variant() {
  local v=${VARIANT:-seeds10,seeds100,seeds400} cache=${CACHE_MB:-256} dirs="" c
  for c in ${v//,/ }; do dirs="$dirs,$OUT/idx/$c/seisaku"; done
  c="${v//,/+}@cache$cache"
  echo "--- $c ($(date -u +%H:%M:%S), load $(load1))"
  serve_measure "$c" "${dirs#,}" -cache-mb "$cache"
}

stage_table() {
  python3 - "$RAW" <<'PY'
import json, sys
from collections import defaultdict
recs = defaultdict(dict)
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    recs[r["corpus"]][r["name"]] = r  # the last record of a name wins
def f(x, d=0):
    return "–" if x is None else f"{x:,.{d}f}"
def g(r, k):
    return None if r is None else r.get(k)
def cpus(r):  # user + system seconds, from GNU time's share of a CPU and the wall time
    return "–" if not r or r.get("cpu_pct") is None else f"{r['cpu_pct'] * r['wall_s'] / 100:,.0f}"
def load(*rs):
    xs = [x for r in rs if r for x in (r.get("load_before"), r.get("load_after")) if x is not None]
    return "–" if not xs else f"{min(xs):.1f}–{max(xs):.1f}"
print("| text | system | build s | build CPU-s | index MB | build peak RSS MB | p50 / p99 ms, 1 client | p50 / p99 ms, 8 clients | q/s, 8 clients | server RSS MB | load (1 min) |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for c in sorted(recs, key=lambda c: (("@" in c), recs[c].get("gen", {}).get("bytes", 0), c)):
    R = recs[c]
    mb = g(R.get("lucene-t1"), "body_bytes")  # body text, without the JSON around it
    text = f"{mb/1e6:,.0f} MB" if mb else c
    li, lq = R.get("lucene-t1"), R.get("lucene-c1")
    if li or lq:
        print(f"| {text} | Lucene 8 (1 thread) | {f(g(li,'wall_s'),1)} | {cpus(li)} | {f(g(li,'index_du_mb'),1)} | {f(g(li,'peak_rss_mb'))} "
              f"| {f(g(lq,'p50_ms'),1)} / {f(g(lq,'p99_ms'),1)} | (1 client only) | – | {f(g(lq,'peak_rss_mb'))} (query process) | {load(li, lq)} |")
    si, s1, s8, sv = R.get("seisaku"), R.get("seisaku-search-c1"), R.get("seisaku-search-c8"), R.get("seisaku-server")
    if si or s1:
        print(f"| {text} | seisaku | {f(g(si,'wall_s'),1)} | {cpus(si)} | {f(g(si,'index_du_mb'),1)} | {f(g(si,'peak_rss_mb'))} "
              f"| {f(g(s1,'p50_ms'),1)} / {f(g(s1,'p99_ms'),1)} | {f(g(s8,'p50_ms'),1)} / {f(g(s8,'p99_ms'),1)} | {f(g(s8,'qps'))} "
              f"| {f(g(sv,'peak_rss_mb'))} | {load(si, s1, s8)} |")
PY
}

# removes the corpora and indexes (several GB at 1 GB of text); keeps raw.jsonl
stage_clean() {
  rm -rf "$OUT/idx" "$OUT/data"
}

stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(build sizes table)
for s in "${stages[@]}"; do
  echo "=== stage $s ($(date -u +%H:%M:%S))"
  "stage_$s"
done
