# Suggestion latency over HTTP: every prefix (1-4 characters) of the words of the anchor
# queries, plus kana prefixes, sent one after another to a running server, two passes (the
# first meets cold caches). Usage: python3 bench/suggest_latency.py PORT [QUERIES]
import http.client, time, urllib.parse, sys, statistics
port = int(sys.argv[1])
words = []
for line in open(sys.argv[2] if len(sys.argv) > 2 else '../shared/anchors/queries.txt'):
    line = line.strip()
    if not line or line.startswith('#'): continue
    words += line.split()
kana = ['こ','こそ','こそだ','たぶんか','ぼう','ぼうさ','しみん','きょう','ふく','かん','せい','ちい']
prefixes = []
for w in words:
    for n in range(1, min(4, len(w)) + 1):
        prefixes.append(w[:n])
prefixes += kana
prefixes = list(dict.fromkeys(prefixes))
c = http.client.HTTPConnection('127.0.0.1', port)
for p in range(2):
    ts = []
    for q in prefixes:
        t0 = time.perf_counter()
        c.request('GET', '/api/suggest?n=8&q=' + urllib.parse.quote(q))
        r = c.getresponse(); r.read()
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    print(f"pass {p+1}: {len(ts)} prefixes, p50 {statistics.median(ts):.2f} ms, p99 {ts[int(len(ts)*0.99)-1]:.2f} ms, max {ts[-1]:.2f} ms")
