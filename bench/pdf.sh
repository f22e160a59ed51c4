#!/usr/bin/env bash
# The cost of PDFs: seisaku's build (index, and -dry-run without bleve's
# segments) beside poppler's pdftotext over the same files, in one run,
# interleaved, RUNS rounds; prints each figure's median and the ratios.
#
#   bash bench/pdf.sh [FOLDER]        default: ../shared/corpus/municipal-pdf/pdf
#
# Needs pdftotext (Debian poppler-utils) and /usr/bin/time. Peak RSS is
# what /usr/bin/time reports (maximum resident set size); CPU is user +
# system time, which a busy machine inflates less than the time.
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

measure() { # name, command...: appends "name seconds kb cpu-seconds"
  local name=$1; shift
  /usr/bin/time -f "$name %e %M %U %S" -o "$OUT/t" "$@" >/dev/null 2>&1
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
    name, s, kb, u, st = line.split()
    rows.setdefault(name, []).append((float(s), int(kb), float(u) + float(st)))
med = {n: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v) / 1024, statistics.median(r[2] for r in v)) for n, v in rows.items()}
base, cbase = med["pdftotext"][0], med["pdftotext"][2]
for n in ("pdftotext", "dry-run", "index"):
    s, mb, cpu = med[n]
    print(f"{n:10s} median {s:6.2f} s  {s / base:4.1f}x pdftotext  CPU {cpu:6.2f} s  {cpu / cbase:4.1f}x  peak RSS {mb:6.0f} MB  (runs: {', '.join(f'{r[0]:.2f}' for r in rows[n])})")
PY
