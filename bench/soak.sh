#!/usr/bin/env bash
# Soak test: the server under 32 concurrent clients for SOAK (10m) over
# loopback while the index is rebuilt and swapped in every SWAP_EVERY (90 s),
# alternating between two document sets. Prints the load test's figures
# (errors must be 0) and the server's RSS every 10 s, to see whether memory
# grows after warm-up.
#
#   bash bench/soak.sh            (SOAK=10m SWAP_EVERY=90 C=32 OUT=bench/out/soak)
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK=${SOAK:-10m}
SWAP_EVERY=${SWAP_EVERY:-90}
C=${C:-32}
OUT=${OUT:-bench/out/soak}
PORT=${PORT:-18090}
S=indexer/samples/data
mkdir -p "$OUT"
go build -o "$OUT/seisaku" ./cmd/seisaku
go build -o "$OUT/loadtest" ./bench/loadtest
rm -rf "$OUT/index" "$OUT/swaps.log"
"$OUT/seisaku" index -progress off -index "$OUT/index" $S/seeds $S/kouhou-bulletins
"$OUT/seisaku" serve -index "$OUT/index" -addr 127.0.0.1:$PORT -rate 0 -log-level warn \
  -reload-interval 2s -swap-grace 20s 2> "$OUT/serve.log" &
SERVER=$!
trap 'kill $SERVER $SWAPPER $SAMPLER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.5; done

( i=0; while sleep "$SWAP_EVERY"; do
    i=$((i+1))
    if [ $((i % 2)) = 1 ]; then set -- $S/seeds $S/kouhou-bulletins $S/kiryu-speeches; else set -- $S/seeds $S/kouhou-bulletins; fi
    "$OUT/seisaku" index -progress off -index "$OUT/index" "$@" | tail -1 | sed "s/^/swap $i: /" >> "$OUT/swaps.log"
  done ) &
SWAPPER=$!
( t=0; while sleep 10; do t=$((t+10)); echo "rss t=${t}s $(awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$SERVER/status)"; done ) > "$OUT/rss.log" &
SAMPLER=$!

"$OUT/loadtest" -url http://127.0.0.1:$PORT -queries ../shared/anchors/queries.txt -c "$C" \
  -warmup 1 -duration "$SOAK" -suggest=false | tee "$OUT/soak.jsonl"
kill $SWAPPER $SAMPLER 2>/dev/null || true
echo "index rebuilds during the soak: $(grep -c "^swap" "$OUT/swaps.log" || true)"
grep -c '"level":"ERROR"' "$OUT/serve.log" | sed 's/^/server errors logged: /' || true
cat "$OUT/rss.log"
