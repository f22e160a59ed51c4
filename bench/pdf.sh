#!/usr/bin/env bash
# The cost of PDFs: seisaku's build (index, and -dry-run without bleve's
# segments) beside poppler's pdftotext over the same files, in one run,
# interleaved, RUNS rounds; prints each figure's median and the ratios.
#
#   bash bench/pdf.sh [FOLDER]        default: ../shared/corpus/municipal-pdf/pdf
#
# Needs pdftotext (Debian poppler-utils) and /usr/bin/time. Peak RSS is
# what /usr/bin/time reports (maximum resident set size).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/corpus/municipal-pdf/pdf}
RUNS=${RUNS:-3}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
go build -trimpath -o "$OUT/seisaku" ./cmd/seisaku
mapfile -t FILES < <(find "$DIR" -name '*.pdf' | sort)
echo "corpus: $DIR (${#FILES[@]} PDFs, $(du -sh "$DIR" | cut -f1)), $(nproc) cores, runs: $RUNS"
# warm the PDF engine's compilation cache once, as a second build would find it
"$OUT/seisaku" index -dry-run -progress off "${FILES[0]}" >/dev/null 2>&1 || true

measure() { # name, command...: appends "name seconds kb"
  local name=$1; shift
  /usr/bin/time -f "$name %e %M" -o "$OUT/t" "$@" >/dev/null 2>&1
  cat "$OUT/t" >> "$OUT/times"
}
for r in $(seq 1 "$RUNS"); do
  measure pdftotext bash -c 'for f in "$@"; do pdftotext -q "$f" /dev/null; done' _ "${FILES[@]}"
  measure dry-run "$OUT/seisaku" index -dry-run -progress off "$DIR"
  rm -rf "$OUT/idx"
  measure index "$OUT/seisaku" index -progress off -index "$OUT/idx" "$DIR"
done
python3 - "$OUT/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, s, kb = line.split()
    rows.setdefault(name, []).append((float(s), int(kb)))
med = {n: (statistics.median(s for s, _ in v), statistics.median(k for _, k in v) / 1024) for n, v in rows.items()}
base = med["pdftotext"][0]
for n in ("pdftotext", "dry-run", "index"):
    s, mb = med[n]
    print(f"{n:10s} median {s:6.2f} s  {s / base:4.1f}x pdftotext  peak RSS {mb:6.0f} MB  (runs: {', '.join(f'{x:.2f}' for x, _ in rows[n])})")
PY
