#!/usr/bin/env bash
# Measures `seisaku index -update` of one changed file in a 100 MB index:
# its time and peak RSS beside the full build's, and what it writes.
#
#   bash bench/update.sh
#
# The corpus is the anchors' synthetic seeds100 (the same generator as
# bench/run.sh), cut into FILES JSON Lines files of whole documents so that
# an update has files to keep. Then: a full build; an update with nothing
# changed (hashing alone); an update after one document of one file changed.
# For each update it prints the time, the peak RSS, and the bytes of the new
# generation that are new files (not hard links to the live generation's
# segments, which an update shares). Environment: OUT (bench/out),
# ANCHORS (../shared/anchors), FILES (200).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
OUT=${OUT:-$ROOT/bench/out}
FILES=${FILES:-200}
W=$OUT/update
mkdir -p "$OUT/bin" "$OUT/data" "$W"

go build -trimpath -o "$OUT/bin/seisaku" ./cmd/seisaku
[ -x "$OUT/bin/gen" ] || (cd "$ANCHORS" && go build -o "$OUT/bin/gen" ./gen)
[ -s "$OUT/data/seeds100.jsonl" ] || "$OUT/bin/gen" -src seeds -dir "$ANCHORS/../seeds" -mb 100 -out "$OUT/data/seeds100.jsonl"

rm -rf "$W/docs" "$W/idx"
mkdir -p "$W/docs"
python3 - "$OUT/data/seeds100.jsonl" "$W/docs" "$FILES" <<'PY'
import sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src, encoding="utf-8").readlines()
per = -(-len(lines) // n)
for i in range(n):
    part = lines[i * per:(i + 1) * per]
    if part:
        open(f"{out}/part-{i:04d}.jsonl", "w", encoding="utf-8").writelines(part)
print(f"{len(lines)} documents in {n} files of {per}")
PY

# run LABEL CMD…: prints the wall time and peak RSS of CMD
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out" 2>&1 || { cat "$W/out"; exit 1; }
  read -r secs kb <"$W/time"
  printf '%-34s %8.1f s  %6d MB peak RSS\n' "$label" "$secs" $((kb / 1024))
}

# written OLD NEW: the files of generation NEW that are not hard links of
# generation OLD's (by inode, taken before the update: OLD may be gone)
written() {
  awk 'NR == FNR {old[$1]; next} !($1 in old) {n++; s += $2; print "  " $3 " " $2 " bytes"} END {printf "  %d new files, %.1f MB\n", n, s / 1e6}' "$1" <(find "$2" -type f -printf '%i %s %P\n')
}

S="$OUT/bin/seisaku"
run "build (full)" "$S" index -progress off -index "$W/idx" "$W/docs"
gen1=$(readlink -f "$W/idx/current" 2>/dev/null || ls -d "$W"/idx/gen-* | tail -1)
echo "index: $(du -sh "$gen1" | cut -f1), $(ls "$gen1"/store/*.zap 2>/dev/null | wc -l) segments"

run "update, nothing changed" "$S" index -update -progress off -index "$W/idx" "$W/docs"
grep -E "unchanged|changed" "$W/out" | head -2 || true

# one document of one file changes: a sentence appended to its body
python3 - "$W/docs/part-0042.jsonl" <<'PY'
import json, sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").readlines()
d = json.loads(lines[0])
key = "body" if "body" in d else "text"
d[key] += "\n本年度から多文化共生の相談窓口を土曜日にも開設する。"
lines[0] = json.dumps(d, ensure_ascii=False) + "\n"
open(p, "w", encoding="utf-8").writelines(lines)
PY
before=$(ls -d "$W"/idx/gen-* | sort | tail -1)
find "$before" -type f -printf '%i\n' >"$W/inodes"
run "update, one document of one file" "$S" index -update -progress off -index "$W/idx" "$W/docs"
grep -E "unchanged|changed" "$W/out" | head -2 || true
after=$(ls -d "$W"/idx/gen-* | sort | tail -1)
echo "new generation $(basename "$after") (live was $(basename "$before")): $(du -sh "$after" | cut -f1) in all; written:"
written "$W/inodes" "$after"
