#!/usr/bin/env python3
"""Build the judging pool and print what a judge reads for each pooled speech.

    pool.py RUN.tsv [EXTRA] > pool-read.txt     RUN.tsv: `score.py URL --peer --dump 20` output

The pool of a need: the top 20 speeches of each system in RUN.tsv, plus up to EXTRA (default 12)
question or answer speeches (for an answer need: EXTRA of the executive's and 4 questions) found by the need's theme words below (synonyms and spellings, not
the query), the ones with most matches first, so that no system's wording decides what is judged.
For each pooled speech it prints its id, role, speaker, title, meeting, length, its first words and
up to two passages around the theme words (else around the query's words): the judge reads these and, where they do not settle
it, the whole speech (`minutes.py show ID`).
"""
import re, sys
from collections import defaultdict

import minutes

THEMES = {
    "m01": r"ヤングケアラー|家族の(世話|介護|ケア)をしている(子|児童|生徒)",
    "m02": r"給食.{0,10}(無償|無料)|(無償|無料).{0,10}給食|給食費.{0,10}(補助|助成|支援|負担軽減|軽減)",
    "m03": r"(教室|学校|体育館|小中学校|校舎).{0,20}(エアコン|空調|冷房)|(エアコン|空調|冷房).{0,20}(教室|学校|体育館)",
    "m04": r"クマ|ツキノワグマ|熊の|熊が|熊に|熊出没",
    "m05": r"ふるさと納税|返礼品|ふるさと寄附",
    "m06": r"地域おこし協力隊|協力隊",
    "m07": r"医療費.{0,20}(無料|無償|助成|中学|高校|18歳)|(中学|高校|18歳).{0,20}医療費",
    "m08": r"伝統的建造物|伝建|重伝建",
    "m09": r"おりひめバス|路線バス|バス路線|バス.{0,10}(再編|見直し)",
    "m10": r"空き家バンク|空き家.{0,10}(登録|情報提供|成約|マッチング)",
    "m11": r"分割支給|保護費.{0,20}(分割|一部|手渡し|未支給)|生活保護.{0,40}(不適切|問題|第三者委員会|調査)",
    "m12": r"新庁舎|庁舎.{0,6}(建設|建て替え|建替|整備|移転)",
    "m13": r"(競艇|ボートレース).{0,40}(赤字|撤退|廃止|累積|存廃|経営|収益|繰り出|繰出)",
    "m14": r"いじめ.{0,60}自殺|自殺.{0,60}いじめ|自ら命|命を絶",
    "m15": r"議員定数|定数.{0,5}削減",
    "m16": r"ごみ.{0,8}有料|有料化|指定ごみ袋|ごみ袋",
    "m17": r"メガソーラー|太陽光発電.{0,30}(反対|規制|条例|景観|土砂|住民)",
    "m18": r"飛び地|飛地",
}


def kwic(t, pat, n=2, w=65):
    out, last = [], -1
    for m in re.finditer(pat, t):
        if m.start() < last:
            continue
        a, b = max(0, m.start() - w), min(len(t), m.end() + w)
        out.append(t[a:b])
        last = b
        if len(out) >= n:
            break
    return out


def main():
    run = sys.argv[1]
    extra = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    recs, speeches, by_record = minutes.load()
    pooled = defaultdict(dict)
    for line in open(run, encoding="utf-8"):
        sysname, nid, rank, sid = line.rstrip("\n").split("\t")[:4]
        if sid != "None":
            pooled[nid].setdefault(sid, []).append(f"{sysname}{rank}")
    pats = {k: re.compile(v) for k, v in THEMES.items()}
    import csv
    queries = {r["id"]: r["q"] for r in csv.DictReader(open("needs.tsv", encoding="utf-8"), delimiter="\t")}
    found = defaultdict(list)
    for sid, s in speeches.items():
        if s["role"] not in ("question", "answer"):
            continue
        t = minutes.norm(s["text"])
        for k, p in pats.items():
            n = len(p.findall(t))
            if n:
                found[k].append((n, sid))
    kinds = {r["id"]: r["kind"] for r in csv.DictReader(open("needs.tsv", encoding="utf-8"), delimiter="\t")}
    for k in THEMES:
        # answer needs: the executive's speeches first (up to EXTRA), then up to 4 questions;
        # debate needs: up to EXTRA of either, most matches first
        cands = sorted(found[k], key=lambda x: (-x[0], x[1]))
        if kinds[k] == "answer":
            groups = [([c for c in cands if speeches[c[1]]["role"] == "answer"], extra),
                      ([c for c in cands if speeches[c[1]]["role"] == "question"], 4)]
        else:
            groups = [(cands, extra)]
        for group, cap in groups:
            added = 0
            for n, sid in group:
                if added >= cap:
                    break
                if sid not in pooled[k]:
                    pooled[k][sid] = [f"grep{n}"]
                    added += 1
    for k in THEMES:
        print(f"######## {k}  pooled {len(pooled[k])}  (grep matches in q/a speeches: {len(found[k])})")
        for sid, why in pooled[k].items():
            s = speeches[sid]
            r = recs[s["record"]]
            t = minutes.norm(s["text"])
            print(f"=== {k} {sid} [{s['role']}] {s['speaker']}({s['title']}) {r['session']} {r['schedule'][:6]} len={len(t)} via={','.join(why)}")
            print("  HEAD: " + minutes.head(s, 60))
            ks = kwic(t, pats[k])
            if not ks:
                words = [w for w in re.split(r"[\sのについて市長答弁はどうなっているか何をしている]+", queries[k]) if len(w) >= 2]
                ks = kwic(t, "|".join(map(re.escape, words)), n=1) if words else []
                ks = ["(query words) " + x for x in ks]
            for x in ks:
                print("  KWIC: " + x)


if __name__ == "__main__":
    main()
