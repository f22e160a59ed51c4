#!/usr/bin/env bash
# Fault run: everything an operator can do wrong to a build or a serving
# index, tried while a server answers queries from that index over
# loopback, with the counts printed at the end.
#
#   bad files   a folder of seeds plus every kind of bad entry (symlink
#               loop, dangling link, a link to /proc/self/mem and to
#               /dev/zero, a named pipe, a socket, chmod 000 file and
#               folder, a folder named x.txt, empty, binary, broken JSON,
#               truncated .jsonl.gz, broken bytes, one line, an
#               unterminated CSV quote): index and -dry-run must finish and
#               name each one (the chmod 000 ones in a dry run as nobody,
#               when run as root).
#   kill -9     a build and an update killed (strace -e inject) at the
#               stages of the switch: before the temporary link is made,
#               before it is renamed over `current`, and after, before the
#               directory sync and pruning (strace -P picks the syscall by
#               the path it touches); at some of their fsync and fdatasync
#               calls (counted per thread by strace, so a point a run never
#               reaches is not counted as a fault); and at 10 to 95 % of
#               their running time (reading, analysis, segment merge). After
#               each: `current` is a complete generation that opens and
#               answers, the next build completes, and it keeps the
#               generation that was live before it (not one that never was).
#   disk full   a 20 MB tmpfs (needs root; reported when not allowed) is
#               filled until a build fails: it must fail cleanly, the old
#               index serves, and a build after freeing space completes.
#   corrupted   copies of the live generation with their segments truncated,
#   generation  overwritten at the end or with a byte flipped are switched in
#               under load: the server refuses each (in /readyz and
#               /metrics), keeps answering, and swaps in a good rebuild.
#
#   bash bench/faults.sh          (OUT=bench/out/faults PORT=8111 C=2 clients)
#
# Exit status 1 when any check failed or any request failed.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench/out/faults}
PORT=${PORT:-8111}
C=${C:-2}
S=indexer/samples/data
rm -rf "$OUT" && mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
go build -o "$OUT/seisaku" ./cmd/seisaku || exit 1
go build -o "$OUT/loadtest" ./bench/loadtest || exit 1
BIN=$OUT/seisaku
IDX=$OUT/index
DOCS=$OUT/docs
faults=0 builds=0 problems=0
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  mountpoint -q "$OUT/tmpfs" 2>/dev/null && umount "$OUT/tmpfs"
  chmod -R u+rwx "$OUT/bad" 2>/dev/null
}
trap cleanup EXIT

fault() { faults=$((faults + 1)); }
problem() { problems=$((problems + 1)); echo "PROBLEM: $*"; }
live() { readlink -f "$IDX/current"; }
others() { for g in "$IDX"/gen-*; do [ "$g" != "$(live)" ] && [ -d "$g" ] && echo "$g"; done; }
# check_live: current is a complete generation that opens and answers
check_live() {
  local g; g=$(live)
  [ -f "$g/manifest.json" ] || { problem "$1: current ($g) has no manifest"; return; }
  "$BIN" search -index "$IDX" -format json 広報 > /dev/null 2> "$OUT/search.err" ||
    problem "$1: the live index does not answer: $(head -c 300 "$OUT/search.err")"
}
# build: one build or update that must complete
build() {
  if timeout 300 "$BIN" index -progress off -index "$IDX" "$@" > "$OUT/build.out" 2>&1; then
    builds=$((builds + 1))
  else
    problem "build $* failed: $(tail -2 "$OUT/build.out")"
  fi
}

mkdir -p "$DOCS"
cp -r $S/seeds $S/kouhou-bulletins "$DOCS"/
build "$DOCS"

cat > "$OUT/queries.txt" <<'EOF'
広報
市民 協働
子育て 支援
防災
多文化共生
行財政改革
こうほうし
男女共同参画
地域 活動
"市民の声"
EOF
"$BIN" serve -index "$IDX" -addr 127.0.0.1:$PORT -rate 0 -log-level warn -reload-interval 1s \
  -swap-grace 5s 2> "$OUT/serve.log" &
SERVER=$!
pids+=($SERVER)
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/readyz > /dev/null && break; sleep 0.5; done
"$OUT/loadtest" -url http://127.0.0.1:$PORT -queries "$OUT/queries.txt" -c "$C" -warmup 0 \
  -duration 2h -suggest=false > "$OUT/load.jsonl" 2>&1 &
LOAD=$!
pids+=($LOAD)

echo "== bad files"
B=$OUT/bad
mkdir -p "$B"
cp $S/seeds/*.txt "$B"/
ln -s l2.txt "$B/l1.txt"; ln -s l1.txt "$B/l2.txt"; fault; fault
ln -s gone.txt "$B/dangling.txt"; fault
ln -s /proc/self/mem "$B/mem.txt"; fault
ln -s /dev/zero "$B/zero.txt"; fault
mkfifo "$B/pipe.txt"; fault
python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$B/socket.txt"; fault
mkdir "$B/folder.txt"; fault
echo 鍵 > "$B/locked.txt"; chmod 000 "$B/locked.txt"; fault
mkdir "$B/locked"; cp $S/seeds/000_*.txt "$B/locked/"; chmod 000 "$B/locked"; fault
: > "$B/empty.txt"; fault
head -c 3000 /dev/urandom > "$B/binary.txt"; fault
printf '{"records": [ {"name": "広報広聴事業", ' > "$B/broken.json"; fault
python3 - "$B" <<'EOF'
import gzip, io, sys
d = sys.argv[1]
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb") as z:
    for i in range(300):
        z.write(('{"title":"第%d回 定例会","text":"会議録です。市民の声を聞く会について質疑がありました。%d"}\n' % (i + 1, i * 7919)).encode())
b = buf.getvalue()
open(d + "/cut.jsonl.gz", "wb").write(b[: len(b) // 2])
line = "桐生市の市政運営の方針として、行財政改革を推進し、市民サービスの向上に努めます。\n".encode()
t = line * 90
open(d + "/bad-bytes.txt", "wb").write(t[:4000] + b"\xff\xfe" + t[4000:])
open(d + "/one-line.txt", "w").write("市民の声を聞く会を開催しました\n")
open(d + "/quote.csv", "w").write("タイトル,本文\n子育て支援,\"保育所の入所申込み\n防災訓練,防災訓練を行います\n広報紙,広報紙\"きりゅう\"を発行\n")
EOF
fault; fault; fault; fault
BADIDX=$OUT/bad-index
for op in index dry-run; do
  args=(-index "$BADIDX"); [ $op = dry-run ] && args=(-dry-run)
  if timeout 120 "$BIN" index -progress off "${args[@]}" "$B" > "$OUT/bad-$op.out" 2>&1; then
    builds=$((builds + 1))
    for name in l1.txt l2.txt dangling.txt mem.txt zero.txt pipe.txt socket.txt empty.txt binary.txt \
      broken.json cut.jsonl.gz bad-bytes.txt quote.csv; do
      grep -q "bad/$name" "$OUT/bad-$op.out" || problem "$op does not name $name"
    done
    grep -q "one-line.txt" "$OUT/bad-$op.out" && problem "$op reports the one-line file"
  else
    problem "$op of the bad files failed or hung: $(tail -3 "$OUT/bad-$op.out")"
  fi
done
# root reads chmod 000 files: the permission faults need another user
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1 && command -v runuser > /dev/null; then
  chmod o+rx "$OUT" "$B"
  if timeout 120 runuser -u nobody -- "$BIN" index -progress off -dry-run "$B" > "$OUT/bad-nobody.out" 2>&1; then
    builds=$((builds + 1))
    for name in locked.txt locked; do
      grep -q "bad/$name: open: permission denied" "$OUT/bad-nobody.out" || problem "dry run as nobody does not name $name"
    done
  else
    problem "dry run of the bad files as nobody failed: $(tail -3 "$OUT/bad-nobody.out")"
  fi
else
  echo "chmod 000: read as the same user ($(id -un)); not checked as another one"
fi

echo "== kill -9 at each stage of a build and an update"
# kill_at OP WHAT ARGS...: run the build or update OP (index | update)
# killed as WHAT says (path:SYSCALL:PATH, strace:SYSCALL:N or time:SECONDS),
# then check.
kill_at() {
  local op=$1 how=$2; shift 2
  local flags=(-progress off -index "$IDX"); [ $op = update ] && flags+=(-update)
  local before; before=$(live)
  local status=0
  case $how in
  path:*)
    IFS=: read -r _ sc path <<< "$how"
    # (the subshell, not this shell, reports the kill, to /dev/null)
    ( strace -f -qq -o /dev/null -P "$path" -e trace=$sc -e inject=$sc:signal=SIGKILL:when=1 \
      "$BIN" index "${flags[@]}" "$@"; echo $? > "$OUT/status" ) > /dev/null 2>&1
    status=$(cat "$OUT/status") ;;
  strace:*)
    IFS=: read -r _ sc n <<< "$how"
    ( strace -f -qq -o /dev/null -e trace=$sc -e inject=$sc:signal=SIGKILL:when=$n \
      "$BIN" index "${flags[@]}" "$@"; echo $? > "$OUT/status" ) > /dev/null 2>&1
    status=$(cat "$OUT/status") ;;
  time:*)
    "$BIN" index "${flags[@]}" "$@" > /dev/null 2>&1 &
    local p=$!
    sleep "${how#time:}"; kill -9 $p 2>/dev/null; wait $p 2>/dev/null || status=$? ;;
  esac
  if [ $status != 137 ]; then
    echo "$op at $how: not killed (exit $status), not counted"
    return
  fi
  fault
  local p0=$problems
  check_live "$op killed at $how"
  local after; after=$(live)
  build "$DOCS"
  check_live "build after $op killed at $how"
  local kept; kept=$(others)
  [ "$kept" = "$after" ] || problem "after $op killed at $how: kept [$kept], want the generation live before the build [$after] (live before the kill: $before)"
  local switched=no; [ "$after" != "$before" ] && switched=yes
  echo "$op killed at $how: switched $switched, $([ $p0 = $problems ] && echo ok || echo FAILED)"
}
# count SYSCALL OP: how often OP makes SYSCALL, on a copy of the index
count() {
  local sc=$1 op=$2
  rm -rf "$OUT/scratch" && cp -a "$IDX" "$OUT/scratch"
  local flags=(-progress off -index "$OUT/scratch"); [ $op = update ] && flags+=(-update)
  strace -f -qq -o "$OUT/strace.out" -e trace=$sc "$BIN" index "${flags[@]}" "$DOCS" > /dev/null 2>&1
  grep -c "$sc(" "$OUT/strace.out"
}
change_docs() { # an update has work to do: one file added or removed in turn
  if [ -f "$DOCS/extra.txt" ]; then rm "$DOCS/extra.txt"; else cp $S/kiryu-speeches/kiryu-1-3-8.txt "$DOCS/extra.txt"; fi
}
for op in index update; do
  for how in path:symlinkat:$IDX/current.tmp path:renameat:$IDX/current.tmp path:fsync:$IDX; do
    [ $op = update ] && change_docs
    kill_at $op $how "$DOCS"
  done
  for sc in fsync fdatasync; do
    [ $op = update ] && change_docs
    n=$(count $sc $op)
    # the first, the last and two between
    points=$(seq 1 "$n"); [ "$n" -gt 4 ] && points=$(printf '%s\n' 1 $((n / 3)) $((2 * n / 3)) "$n" | sort -nu)
    for i in $points; do
      [ $op = update ] && change_docs
      kill_at $op strace:$sc:$i "$DOCS"
    done
  done
  start=$(date +%s.%N)
  [ $op = update ] && change_docs
  "$BIN" index -progress off -index "$OUT/scratch" $([ $op = update ] && echo -update) "$DOCS" > /dev/null 2>&1
  took=$(echo "$(date +%s.%N) - $start" | bc)
  for pct in 10 25 40 55 70 85 95; do
    [ $op = update ] && change_docs
    kill_at $op time:$(echo "$took * $pct / 100" | bc -l | cut -c1-5) "$DOCS"
  done
done

echo "== disk full"
T=$OUT/tmpfs
mkdir -p "$T"
if err=$(mount -t tmpfs -o size=20m tmpfs "$T" 2>&1); then
  fault
  SMALL=$T/index
  if timeout 300 "$BIN" index -progress off -index "$SMALL" "$DOCS" > "$OUT/full.out" 2>&1; then
    builds=$((builds + 1))
    g=$(readlink -f "$SMALL/current")
    free=$(df -k --output=avail "$T" | tail -1)
    head -c $(( (free - 1024) * 1024 )) /dev/zero > "$T/filler" 2>/dev/null
    if timeout 300 "$BIN" index -progress off -index "$SMALL" "$DOCS" > "$OUT/full.out" 2>&1; then
      problem "a build on a full disk succeeded"
    else
      grep -q "no space left on device" "$OUT/full.out" || problem "full disk: $(tail -1 "$OUT/full.out")"
    fi
    [ "$(readlink -f "$SMALL/current")" = "$g" ] || problem "a failed build on a full disk switched the index"
    "$BIN" search -index "$SMALL" -format json 広報 > /dev/null 2>&1 || problem "the index on the full disk does not answer"
    echo "build on a full disk: $(grep -o 'no space left on device' "$OUT/full.out" | head -1); live index unchanged and answering"
    rm -f "$T/filler"
    if timeout 300 "$BIN" index -progress off -index "$SMALL" "$DOCS" > "$OUT/full.out" 2>&1; then
      builds=$((builds + 1))
      echo "build after freeing the disk: completed"
    else
      problem "no build after freeing the disk: $(tail -1 "$OUT/full.out")"
    fi
  else
    problem "the first build on the tmpfs failed: $(tail -1 "$OUT/full.out")"
  fi
  umount "$T"
else
  echo "disk full: not run (cannot mount a tmpfs: $err)"
fi

echo "== corrupted generations under load"
n=0
for damage in half tail flip; do
  fault
  good=$(live)
  n=$((n + 1))
  bad=$IDX/gen-29990102T000000.00000000$n
  cp -a "$good" "$bad"
  for seg in "$bad"/store/*.zap; do
    size=$(stat -c %s "$seg")
    case $damage in
    half) truncate -s $((size / 2)) "$seg" ;;
    tail) printf '壊れたデータ壊れたデータ壊れたデータ' | dd of="$seg" bs=1 seek=$((size - 60)) conv=notrunc status=none ;;
    flip) python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(int(sys.argv[2])); b=f.read(1); f.seek(int(sys.argv[2])); f.write(bytes([b[0]^255]))" "$seg" $((size / 2)) ;;
    esac
  done
  ln -sfn "$(basename "$bad")" "$IDX/current.new" && mv -T "$IDX/current.new" "$IDX/current"
  for _ in $(seq 1 40); do
    curl -s http://127.0.0.1:$PORT/readyz | grep -q "$(basename "$bad")" && break
    sleep 0.25
  done
  curl -s http://127.0.0.1:$PORT/readyz | grep -q "$(basename "$bad")" || problem "/readyz does not report the corrupted generation ($damage)"
  curl -s http://127.0.0.1:$PORT/metrics | grep -q "^seisaku_index_reload_failed 1" || problem "/metrics does not report the corrupted generation ($damage)"
  kill -0 $SERVER 2>/dev/null || { problem "the server died on a corrupted generation ($damage)"; break; }
  sleep 2 # queries on the previous generation
  build "$DOCS"
  for _ in $(seq 1 40); do
    curl -s http://127.0.0.1:$PORT/metrics | grep -q "^seisaku_index_reload_failed 0" && break
    sleep 0.25
  done
  curl -s http://127.0.0.1:$PORT/metrics | grep -q "^seisaku_index_reload_failed 0" || problem "the good rebuild after the corrupted generation ($damage) was not swapped in"
  echo "corrupted generation ($damage): refused, reported, good rebuild swapped in"
done

kill -TERM $LOAD; wait $LOAD
kill -0 $SERVER 2>/dev/null || problem "the server is not running at the end"
answered=$(jq -s 'map(.requests - .errors) | add' "$OUT/load.jsonl")
failed=$(jq -s 'map(.errors) | add' "$OUT/load.jsonl")
echo
echo "faults tried: $faults"
echo "builds completed: $builds"
echo "requests answered: $answered"
echo "requests failed: $failed"
echo "checks failed: $problems"
echo "generations refused by the server: $(grep -c 'new index refused' "$OUT/serve.log") (3 corrupted were switched in)"
echo "server panics: $(grep -c 'panic' "$OUT/serve.log")"
[ "$problems" = 0 ] && [ "$failed" = 0 ]
