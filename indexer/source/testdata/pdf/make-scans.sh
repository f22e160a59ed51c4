#!/bin/sh
# Makes scan.pdf and garbage-layer.pdf (see ../README.md) from scan.html:
# Chromium prints the page (Noto Sans CJK JP), pdftoppm rasterises it at
# 200 dpi as a gray JPEG, and make-scans.py
# wraps the JPEG in image-only PDFs.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" --no-pdf-header-footer \
  --print-to-pdf="$tmp/scan-src.pdf" "file://$PWD/scan.html" 2>/dev/null
pdftoppm -r 200 -gray -f 1 -l 1 -jpeg -jpegopt quality=40 -singlefile "$tmp/scan-src.pdf" "$tmp/page"
python3 make-scans.py "$tmp/page.jpg"
rm -rf "$tmp"
