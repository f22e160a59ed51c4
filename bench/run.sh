#!/usr/bin/env bash
# Measures seisaku beside Lucene 8 + kuromoji and Groonga on the same corpora,
# the same 2 cores and in the same run, with ../shared/anchors' drivers.
#
#   bash bench/run.sh [stage ...]        stages: setup build corpus index query summary
#
# Environment: RUNS (3) interleaved rounds; CORPORA ("seeds100 kiryu");
# OUT (bench/out) for corpora, indexes and raw records; ANCHORS (../shared/anchors).
# Every measured command runs under /usr/bin/time -v through the anchors'
# tools/rec.py and appends one JSON line to $OUT/raw.jsonl; `summary` prints
# medians and ratios from it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
OUT=${OUT:-$ROOT/bench/out}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-seeds100 kiryu}
PASSES=${PASSES:-10}
WARMUP=${WARMUP:-3}
mkdir -p "$OUT/bin" "$OUT/data" "$OUT/idx"
RAW=$OUT/raw.jsonl
REC="python3 $ANCHORS/tools/rec.py --out $RAW"

stage_setup() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    liblucene8-java openjdk-17-jdk-headless python3 time curl \
    groonga groonga-bin groonga-tokenizer-mecab mecab mecab-ipadic-utf8
}

# Groonga runs through the anchors' driver when the groonga command is
# installed (stage setup installs it); without it its rows are skipped.
have_groonga() { command -v groonga >/dev/null; }
GR="python3 $ANCHORS/groonga/gr.py"

stage_build() {
  go build -trimpath -o "$OUT/bin/seisaku" ./cmd/seisaku
  go build -trimpath -o "$OUT/bin/loadtest" ./bench/loadtest
  (cd "$ANCHORS" && go build -o "$OUT/bin/gen" ./gen)
  . "$ANCHORS/lucene/cp.sh"
  mkdir -p "$OUT/lucene-classes"
  javac -d "$OUT/lucene-classes" -cp "$CP" "$ANCHORS/lucene/LuceneBench.java"
}

stage_corpus() {
  "$OUT/bin/gen" -src seeds -dir "$ANCHORS/../seeds" -mb 100 -out "$OUT/data/seeds100.jsonl"
  # kiryu-minutes in the anchors' JSONL shape for Lucene; seisaku reads the original .jsonl.gz
  python3 - "$ANCHORS/../corpus/kiryu-minutes/kiryu_minutes.jsonl.gz" "$OUT/data/kiryu.jsonl" <<'PY'
import gzip, json, sys
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    for line in f:
        d = json.loads(line)
        o.write(json.dumps({"id": d["id"], "city": "桐生市", "department": "議会", "year": 0,
                            "title": d["session"] + " " + d["schedule"], "body": d["text"]},
                           ensure_ascii=False) + "\n")
PY
  md5sum "$OUT"/data/*.jsonl
}

# the file seisaku indexes for a corpus name, and its extra flags
seisaku_input() {
  case $1 in
    kiryu) echo "$ANCHORS/../corpus/kiryu-minutes/kiryu_minutes.jsonl.gz" ;;
    *) echo "$OUT/data/$1.jsonl" ;;
  esac
}
seisaku_flags() { case $1 in kiryu) echo "-city 桐生市" ;; *) echo "" ;; esac; }

stage_index() {
  . "$ANCHORS/lucene/cp.sh"
  local r c
  for r in $(seq 1 "$RUNS"); do
    for c in $CORPORA; do
      for t in 1 2; do
        rm -rf "$OUT/idx/$c/lucene-t$t"
        $REC --stage index --name lucene-t$t --corpus "$c" --run "$r" -- \
          java -cp "$OUT/lucene-classes:$CP" LuceneBench index "$OUT/data/$c.jsonl" "$OUT/idx/$c/lucene-t$t" $t
      done
      if have_groonga; then
        for lx in mecab bigram; do
          rm -rf "$OUT/idx/$c/gr-$lx"
          $REC --stage index --name groonga-$lx --corpus "$c" --run "$r" -- \
            $GR index --jsonl "$OUT/data/$c.jsonl" --db "$OUT/idx/$c/gr-$lx/db" --lexicon $lx
        done
      fi
      rm -rf "$OUT/idx/$c/seisaku"
      # shellcheck disable=SC2046
      $REC --stage index --name seisaku --corpus "$c" --run "$r" -- \
        "$OUT/bin/seisaku" index -json -progress off -index "$OUT/idx/$c/seisaku" $(seisaku_flags "$c") "$(seisaku_input "$c")"
      # the same reading and kagome analysis without bleve's segment building:
      # the part of seisaku's index time that the index format cannot change
      # shellcheck disable=SC2046
      $REC --stage index --name seisaku-dry-run --corpus "$c" --run "$r" -- \
        "$OUT/bin/seisaku" index -dry-run -json -progress off $(seisaku_flags "$c") "$(seisaku_input "$c")"
    done
  done
  du -s --block-size=1 "$OUT"/idx/*/* | awk '{printf "%s\t%.1f MB\n",$2,$1/1e6}'
}

stage_query() {
  # Lucene: in-process (its harness, no HTTP); seisaku: the real server over
  # loopback with bench/loadtest at concurrency 1, 8 and 32, plus suggest.
  . "$ANCHORS/lucene/cp.sh"
  local r c port=18080
  for r in $(seq 1 "$RUNS"); do
    for c in $CORPORA; do
      $REC --stage query --name lucene --corpus "$c" --run "$r" -- \
        java -cp "$OUT/lucene-classes:$CP" LuceneBench query "$OUT/idx/$c/lucene-t1" "$ANCHORS/queries.txt" \
        "$WARMUP" "$PASSES" "$OUT/hits-$c-lucene.tsv"
      if have_groonga; then
        for lx in mecab bigram; do
          $REC --stage query --name groonga-$lx --corpus "$c" --run "$r" -- \
            $GR query --db "$OUT/idx/$c/gr-$lx/db" --queries "$ANCHORS/queries.txt" \
            --warmup "$WARMUP" --passes "$PASSES" --out "$OUT/hits-$c-groonga-$lx.tsv"
        done
      fi
      "$OUT/bin/seisaku" serve -index "$OUT/idx/$c/seisaku" -addr 127.0.0.1:$port -rate 0 -suggest-rate 0 -log-level warn &
      local pid=$!
      for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.5; done
      "$OUT/bin/loadtest" -url http://127.0.0.1:$port -queries "$ANCHORS/queries.txt" -c 1,8,32 \
        -warmup "$WARMUP" -passes "$PASSES" | while read -r line; do
          echo "$line"
          python3 - "$RAW" "$c" "$r" "$line" <<'PY'
import json, sys
raw, corpus, run, line = sys.argv[1:]
d = json.loads(line)
d.update({"stage": "query", "name": f"seisaku-{d['op']}-c{d['concurrency']}", "corpus": corpus, "run": int(run)})
open(raw, "a", encoding="utf-8").write(json.dumps(d, ensure_ascii=False) + "\n")
PY
        done
      local rss
      rss=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$pid/status)
      kill $pid; wait $pid 2>/dev/null || true
      python3 -c 'import json,sys; open(sys.argv[1],"a").write(json.dumps({"stage":"query","name":"seisaku-server","corpus":sys.argv[2],"run":int(sys.argv[3]),"peak_rss_mb":float(sys.argv[4])})+"\n")' "$RAW" "$c" "$r" "$rss"
      echo "seisaku server peak RSS: $rss MB"
    done
  done
}

stage_summary() {
  python3 "$ROOT/bench/summary.py" "$RAW"
}

stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(build corpus index query summary)
for s in "${stages[@]}"; do
  echo "=== stage $s ($(date -u +%H:%M:%S))"
  "stage_$s"
done
