#!/usr/bin/env bash
# Runs one command (an index build) and prints its wall time, CPU time and
# the peaks of its resident memory split as the kernel counts it: RssAnon
# (the Go heap and stacks) and RssFile (pages of mapped files: segments a
# merge reads). Peak RSS is the figure /usr/bin/time reports; anonymous
# memory is what a build holds whatever the page cache does.
#
#   bash bench/buildmem.sh seisaku index -progress off -index DIR CORPUS...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
out=$(mktemp)
start=$(date +%s.%N)
/usr/bin/time -f '%e %U %S %M' -o "$out" "$@" &
tpid=$!
peak_anon=0 peak_file=0
while kill -0 "$tpid" 2>/dev/null; do
	# the build is /usr/bin/time's child
	for pid in $(pgrep -P "$tpid" || true); do
		[ -r "/proc/$pid/status" ] || continue
		read -r anon file < <(awk '/^RssAnon:/{a=$2} /^RssFile:/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null || echo "0 0")
		(( anon > peak_anon )) && peak_anon=$anon
		(( file > peak_file )) && peak_file=$file
	done
	sleep 0.2
done
wait "$tpid"
read -r wall user sys maxrss <"$out"
rm -f "$out"
awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$maxrss" -v a="$peak_anon" -v f="$peak_file" 'BEGIN{
	printf "wall %.1f s, CPU %.1f s (user %.1f + sys %.1f), peak RSS %.0f MB, peak RssAnon %.0f MB, peak RssFile %.0f MB\n", w, u+s, u, s, m*1024/1e6, a*1024/1e6, f*1024/1e6 }'
