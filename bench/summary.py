#!/usr/bin/env python3
"""Medians per (stage, corpus, system) from bench/out/raw.jsonl, and seisaku's ratios to Lucene and Groonga."""
import json, statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    rows[(r["stage"], r["corpus"], r["name"])].append(r)

def med(rs, key):
    xs = [r[key] for r in rs if isinstance(r.get(key), (int, float))]
    return statistics.median(xs) if xs else None

def fmt(x, d=2):
    return "–" if x is None else f"{x:.{d}f}"

print("| stage | corpus | system | runs | wall s | MB/s | docs/s | index MB | peak RSS MB | p50 ms | p95 ms | p99 ms | qps | errors |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (st, c, n), rs in sorted(rows.items()):
    print(f"| {st} | {c} | {n} | {len(rs)} | {fmt(med(rs,'wall_s'))} | {fmt(med(rs,'mb_per_s'))} | "
          f"{fmt(med(rs,'docs_per_s'),0)} | {fmt(med(rs,'index_mb'),1)} | {fmt(med(rs,'peak_rss_mb'),0)} | "
          f"{fmt(med(rs,'p50_ms'),2)} | {fmt(med(rs,'p95_ms'),2)} | {fmt(med(rs,'p99_ms'),2)} | "
          f"{fmt(med(rs,'qps'),1)} | {fmt(med(rs,'errors'),0)} |")

print()
for c in sorted({k[1] for k in rows}):
    s = rows.get(("index", c, "seisaku"))
    for t in ("lucene-t1", "lucene-t2"):
        l = rows.get(("index", c, t))
        if s and l:
            print(f"{c}: seisaku/{t}: time {fmt(med(s,'wall_s')/med(l,'wall_s'))}x "
                  f"(throughput {fmt(med(l,'wall_s')/med(s,'wall_s'))}x), "
                  f"index size {fmt((med(s,'index_mb') or 0)/(med(l,'index_mb') or 1))}x, "
                  f"peak RSS {fmt(med(s,'peak_rss_mb')/med(l,'peak_rss_mb'))}x")
    d, l = rows.get(("index", c, "seisaku-dry-run")), rows.get(("index", c, "lucene-t1"))
    if s and d and l:
        # reading + kagome analysis alone, against Lucene's whole build
        print(f"{c}: seisaku analysis alone (index -dry-run) {fmt(med(d,'wall_s'))} s = "
              f"{fmt(med(d,'wall_s')/med(l,'wall_s'))}x Lucene's whole build, "
              f"{fmt(100*med(d,'wall_s')/med(s,'wall_s'),0)}% of seisaku's")
    s, l = rows.get(("query", c, "seisaku-search-c1")), rows.get(("query", c, "lucene"))
    if s and l:
        print(f"{c}: query seisaku/lucene: p50 {fmt(med(s,'p50_ms')/med(l,'p50_ms'))}x, p99 {fmt(med(s,'p99_ms')/med(l,'p99_ms'))}x")
    for g in ("groonga-mecab", "groonga-bigram"):
        gi, gq = rows.get(("index", c, g)), rows.get(("query", c, g))
        si = rows.get(("index", c, "seisaku"))
        if si and gi:
            # Groonga's own load+index time, as the anchors report it
            print(f"{c}: seisaku/{g}: index time {fmt(med(si,'wall_s')/med(gi,'seconds'))}x, "
                  f"peak RSS {fmt(med(si,'peak_rss_mb')/med(gi,'peak_rss_mb'))}x")
        if s and gq:
            print(f"{c}: query seisaku/{g}: p50 {fmt(med(s,'p50_ms')/med(gq,'p50_ms'))}x, p99 {fmt(med(s,'p99_ms')/med(gq,'p99_ms'))}x")
