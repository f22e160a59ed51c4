#!/usr/bin/env python3
"""Score speech-level search over the 桐生市 minutes against this folder's relevance set.

    score.py URL [-v] [--roles]          ask GET URL/api/search?q=…&hitsPerPage=20 for every need
    score.py --peer [-v] [--roles]       the peer: bigram BM25 over the speeches (pure Python)
    score.py URL --peer --pool           speeches in either system's top 10 that are not judged yet
    score.py URL --dump N                the top N speeches of each need, one a line (for pooling;
                                         with --peer, the peer's)

The unit is a speech, `<record id>#<n>` (minutes.py). A hit of the service is mapped to a speech
by its text: its source (kiryu_minutes.jsonl.gz#line N, checked against its title: session and
schedule) names the record; the passage text (NFKC, no white space) is located inside that record's
speeches. A passage that joins several speeches
(short chair lines are merged into the next or previous passage) counts as the speech that holds
most of its characters. The first hit of each speech counts; later hits of the same speech are
dropped, so the ranking is of distinct speeches; a hit that maps to no speech keeps its rank with
grade 0. nDCG@10: gain 2^grade - 1, log2 discount, the ideal from the judged speeches of the need
(qrels.tsv; grades 2 answers the need, 1 relevant in part, 0 not). Unjudged speeches count 0: run
--pool first. recall@10: share of the need's grade-2 speeches in the top 10, out of at most 10.

The peer: BM25 (k1 1.2, b 0.75) over the character bigrams of each speech's text (marker included,
NFKC, lower case, all white space removed), as ../../../shared/relevance/pdf/score.py does for
pages; each space-separated query word gives its own bigrams (a one-character word gives none), and
the bigrams are ORed (a bigram repeated in the query counts each time).
"""
import csv, json, math, os, re, sys, unicodedata, urllib.parse, urllib.request
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import minutes  # noqa: E402

K = 10
DEPTH = 20
# A speech's marker as a ward's minutes write it, 「○区長（森澤恭子君）　」 (ward.py rewrites the
# records so): read as the records' 「○森澤恭子　」 to find the hit's speech.
WARD_MARK = re.compile(r"(?m)^([ 　]*)○[^（\s]{1,12}（([^）\s]{1,12})君）")


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_qrels():
    q = defaultdict(dict)
    path = os.path.join(HERE, "qrels.tsv")
    if os.path.exists(path):
        for r in read_tsv("qrels.tsv"):
            q[r["id"]][r["speech"]] = int(r["grade"])
    return q


def nostage(text):
    """A speech's text as the indexer keeps it: lines wholly in （） or 〔〕 dropped."""
    return "\n".join(l for l in text.split("\n") if not minutes.STAGE.match(l))


class Mapper:
    """Maps a service hit (url, text) to a speech id."""

    def __init__(self, recs, speeches, by_record):
        self.speeches, self.by_record = speeches, by_record
        self.normed = {}
        self.order = list(by_record)
        self.titles = {rid: minutes.norm(r["session"] + r["schedule"]) for rid, r in recs.items()}
        self.by_title = {t: rid for rid, t in self.titles.items()}

    def texts(self, rid):
        if rid not in self.normed:
            self.normed[rid] = [(sid, minutes.norm(nostage(self.speeches[sid]["text"])))
                                for sid in self.by_record.get(rid, [])]
        return self.normed[rid]

    def find(self, rid, seg):
        """Speech ids whose text holds seg, or its first or last 30 characters."""
        for probe in (seg, seg[:30], seg[-30:]):
            if len(probe) < 4 and probe != seg:
                continue
            found = [sid for sid, t in self.texts(rid) if probe in t]
            if found:
                return found
        return []

    def record(self, hit):
        """The record of a hit: the line of the JSON Lines file its source names (line N is the
        N-th record), checked against its title (session and schedule); else the title alone.
        (source_url does not tell: the days of one session often share one address.)"""
        title = minutes.norm(hit.get("title"))
        m = re.search(r"#line (\d+)$", str(hit.get("source") or ""))
        if m and 0 < int(m.group(1)) <= len(self.order):
            rid = self.order[int(m.group(1)) - 1]
            if not title or self.titles[rid] == title:
                return rid
        return self.by_title.get(title)

    def speech(self, hit):
        rid = self.record(hit)
        if rid not in self.by_record:
            return None
        text = WARD_MARK.sub(r"\1○\2", hit.get("text") or "")
        starts = [m.start() for m in minutes.MARKER.finditer(text)]
        bounds = [0] + [s for s in starts if s > 0] + [len(text)]
        weight = Counter()
        prev = None
        for a, b in zip(bounds, bounds[1:]):
            seg = minutes.norm(text[a:b])
            if not seg:
                continue
            found = self.find(rid, seg)
            if not found:
                continue
            if prev and len(found) > 1:
                # several speeches hold the words (repeated chair lines): take the one after prev
                order = self.by_record[rid]
                after = [f for f in found if order.index(f) >= order.index(prev)]
                found = after or found
            weight[found[0]] += len(seg)
            prev = found[0]
        return weight.most_common(1)[0][0] if weight else None


def ask(base, q, mapper):
    url = base.rstrip("/") + "/api/search?" + urllib.parse.urlencode({"q": q, "hitsPerPage": DEPTH})
    with urllib.request.urlopen(url, timeout=120) as resp:
        body = json.loads(resp.read().decode("utf-8"))
    out, seen = [], set()
    for h in body.get("hits") or []:
        sid = mapper.speech(h)
        if sid is None:
            out.append(None)
            continue
        if sid in seen:
            continue
        seen.add(sid)
        out.append(sid)
    return out


def bigrams(text):
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())
    return [s[i:i + 2] for i in range(len(s) - 1)]


class Peer:
    """BM25 over character bigrams of every speech; postings only for the bigrams of the queries
    it will be asked (one pass over the corpus)."""

    def __init__(self, speeches, order, queries, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.ids = order
        terms = {g for q in queries for w in unicodedata.normalize("NFKC", q).split() for g in bigrams(w)}
        self.post = defaultdict(list)
        self.len = []
        for i, sid in enumerate(order):
            s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", speeches[sid]["text"]).lower())
            self.len.append(max(len(s) - 1, 0))
            for t in terms:
                if t[0] in s:
                    f = s.count(t) if t[0] != t[1] else len(re.findall("(?=" + re.escape(t) + ")", s))
                    if f:
                        self.post[t].append((i, f))
        self.avg = sum(self.len) / len(self.len)

    def search(self, q, k=DEPTH):
        terms = [g for w in unicodedata.normalize("NFKC", q).split() for g in bigrams(w)]
        n = len(self.ids)
        scores = Counter()
        for t in terms:
            pl = self.post.get(t, [])
            if not pl:
                continue
            idf = math.log(1 + (n - len(pl) + 0.5) / (len(pl) + 0.5))
            for i, f in pl:
                norm = self.k1 * (1 - self.b + self.b * self.len[i] / self.avg)
                scores[i] += idf * f * (self.k1 + 1) / (f + norm)
        return [self.ids[i] for i, _ in scores.most_common(k)]


def score(grades, ranked):
    dcg, found = 0.0, 0
    for rank, sid in enumerate(ranked[:K], 1):
        g = grades.get(sid, 0) if sid else 0
        dcg += (2 ** g - 1) / math.log2(rank + 1)
        found += g >= 2
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2 ** g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, 1))
    wanted = min(K, sum(1 for g in grades.values() if g >= 2))
    return (dcg / idcg if idcg else 0.0), (found / wanted if wanted else 0.0)


def main():
    argv = sys.argv[1:]
    flags = {a for a in argv if a.startswith("-")}
    dump = None
    if "--dump" in argv:
        dump = int(argv[argv.index("--dump") + 1])
        argv = [a for i, a in enumerate(argv) if i == 0 or argv[i - 1] != "--dump"]
    urls = [a for a in argv if not a.startswith("-") and a != str(dump)]
    if not urls and "--peer" not in flags:
        sys.exit(__doc__)
    needs = read_tsv("needs.tsv")
    qrels = load_qrels()
    recs, speeches, by_record = minutes.load()
    systems = []
    if urls:
        mapper = Mapper(recs, speeches, by_record)
        systems.append(("seisaku", lambda q, u=urls[0]: ask(u, q, mapper)))
    if "--peer" in flags:
        order = [sid for r in by_record.values() for sid in r]
        peer = Peer(speeches, order, [e["q"] for e in needs])
        systems.append(("peer", peer.search))
    if dump:
        for name, run in systems:
            for e in needs:
                for rank, sid in enumerate(run(e["q"])[:dump], 1):
                    s = speeches.get(sid, {}) if sid else {}
                    print(f'{name}\t{e["id"]}\t{rank}\t{sid}\t{s.get("role", "")}\t{s.get("speaker", "")}({s.get("title", "")})')
        return
    if "--pool" in flags:
        missing = defaultdict(set)
        for name, run in systems:
            for e in needs:
                for sid in run(e["q"])[:K]:
                    if sid and sid not in qrels.get(e["id"], {}):
                        missing[e["id"]].add(sid)
        for e in needs:
            for sid in sorted(missing[e["id"]]):
                s = speeches[sid]
                print(f'{e["id"]}\t{sid}\t{s["role"]}\t{s["speaker"]}({s["title"]})\t{minutes.head(s, 50)}')
        print(f"{sum(len(v) for v in missing.values())} unjudged speeches in the top {K}", file=sys.stderr)
        return
    for name, run in systems:
        rows = []
        roles = Counter()
        for e in needs:
            ranked = run(e["q"])
            nd, rc = score(qrels.get(e["id"], {}), ranked)
            top = ranked[:K]
            rl = [speeches[s]["role"] if s else "none" for s in top]
            roles.update(rl)
            unj = sum(1 for s in top if s and s not in qrels.get(e["id"], {}))
            rows.append((e, nd, rc, len(ranked)))
            if "-v" in flags:
                print(f'{name} {e["id"]} {e["kind"]:<6} nDCG@10={nd:.3f} recall@10={rc:.2f} unjudged={unj}  {e["q"]}')
            if "--roles" in flags:
                print(f'    roles: {" ".join(r[0] for r in rl)}   (q question, a answer, c chair, o other, n no speech)')
        for kind in ("answer", "debate", None):
            sel = [r for r in rows if kind is None or r[0]["kind"] == kind]
            nd = sum(r[1] for r in sel) / len(sel)
            rc = sum(r[2] for r in sel) / len(sel)
            print(f'{name:<8} {kind or "all":<7} n={len(sel):2d} nDCG@10={nd:.3f} recall@10={rc:.3f}')
        if "--roles" in flags:
            tot = sum(roles.values())
            print(f'{name:<8} roles of the top {K}: ' + ", ".join(f"{r} {n} ({n / tot:.0%})" for r, n in roles.most_common()))


if __name__ == "__main__":
    main()
