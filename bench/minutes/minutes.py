#!/usr/bin/env python3
"""Split the 桐生市 plenary minutes into speeches, the unit this relevance set judges.

    minutes.py stats                      counts: records, speeches, roles, unknown speakers
    minutes.py show 100-4#37 [...]        print speeches with speaker, title and role
    minutes.py grep REGEX [--role R] [--min N] [--max K]
                                          speeches whose text (NFKC, no white space) matches,
                                          with role and first words, to find pool candidates
    minutes.py dump > speeches.jsonl      every speech as one JSON line

A record is one meeting day of ../../../shared/corpus/kiryu-minutes/kiryu_minutes.jsonl.gz (its id field,
such as 100-4; the days of a session may share one source_url). A speech is the text from one line-initial
「○name　」 marker to the next, the way the indexer finds them (indexer/source/minutes.go:
`^[ 　]*○[^ 　\\n]{1,20}[ 　]`); it ends early at a 「△」 agenda line, whose lines belong to no
speech. Speeches are numbered from 1 in the order of the record: `<record id>#<n>` (100-4#37).

Speaker is the name in the marker. Title and role come from the roster at the top of the record:
  - 出席議員 (members, 「１番　　　氏　　名」): role `question`, title 議員; but a member conducting
    the sitting (議長, 副議長 after 「議長を交代」, 年長議員 as 臨時議長) has role `chair`, title 議長
    (the presiding member of the day) or 副議長/臨時議長;
  - 説明のため出席した者 (the executive: 市長, 副市長, 部長 …): role `answer`, title as listed
    (titles wrapped on the next line, 「保 健 福祉 / 部　　　長」, are joined);
  - 事務局職員出席者 (assembly staff reading roll calls and notices) and markers that are no
    person (○議案第５４号, ○総務委員長 used as sub-headings, ○続行): role `other`.
A member is in the chair from a speech that opens or resumes the sitting or says the chair changed
(会議を開きます, 開会いたします, 議長を交代, 臨時議長の職務) until another member does so or the
議長 speaks again; the 議長 is the member of the day with most such speeches.
"""
import gzip, json, os, pickle, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "kiryu-minutes",
                                       "kiryu_minutes.jsonl.gz"))
CORPUS = os.environ.get("KIRYU_MINUTES", CORPUS)
if not os.path.exists(CORPUS):
    CORPUS = "/work/shared/corpus/kiryu-minutes/kiryu_minutes.jsonl.gz"
CACHE = os.path.join(os.environ.get("TMPDIR", "/tmp"), "seisaku-minutes-speeches.pickle")

MARKER = re.compile(r"(?m)^[ 　]*○([^ 　\n]{1,20})[ 　]")
WS = re.compile(r"\s+")
STAGE = re.compile(r"^[ 　]*(（[^（）\n]*）|〔[^〔〕\n]*〕)[ 　]*$")
OPENS = re.compile(r"会議を開きます|開会いたします|開会します|議長を交代|議長交代|臨時議長の職務|会議を再開")


def norm(s):
    """NFKC, no white space: the form in which speeches and hits are compared."""
    return WS.sub("", unicodedata.normalize("NFKC", s or ""))


def width(ch):
    return 2 if unicodedata.east_asian_width(ch) in "FW" else 1


def columns(line):
    """The roster's two columns of one line, each as (title part, name part) by display position:
    a column is a title 5 wide, 3 spaces, a name 10 wide; the second column starts 24 to the right."""
    parts = [["", ""], ["", ""]]
    col = 0
    for ch in line.rstrip("\n"):
        if not ch.isspace():
            c = 0 if col < 48 else 1
            base = 0 if c == 0 else 48
            parts[c][0 if col < base + 16 else 1] += ch
        col += width(ch)
    return [tuple(p) for p in parts]


def roster(header):
    """{name: (title, kind)} from a record's header; kind is member, executive or staff."""
    out = {}
    section = None
    last = [None, None]
    for line in header.split("\n"):
        t = line.strip()
        if t.startswith("出席議員") or t.startswith("欠席議員") or t.startswith("欠　　員"):
            section, last = "member", [None, None]
            continue
        if t.startswith("説明のため出席した者"):
            section, last = "executive", [None, None]
            continue
        if t.startswith("事務局職員出席者"):
            section, last = "staff", [None, None]
            continue
        if not t or section is None:
            continue
        if section == "member":
            for m in re.finditer(r"[0-9０-９]+番[ 　]+(.+?)(?=[ 　]{6,}|$)", t):
                name = norm(m.group(1))
                if name:
                    out.setdefault(name, ("議員", "member"))
            continue
        for c, (title, name) in enumerate(columns(line)):
            title, name = norm(title), norm(name)
            if name:
                last[c] = name
                if name not in out or out[name][1] != "member":
                    out[name] = (title, section)
            elif title and last[c] and last[c] in out:
                ti, kind = out[last[c]]
                if kind == section:
                    out[last[c]] = (ti + title, kind)
    return out


def split(rec):
    """The speeches of one record, in order."""
    text = rec["text"]
    ms = list(MARKER.finditer(text))
    header = text[:ms[0].start()] if ms else text
    names = roster(header)
    out = []
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        body = text[m.start():end]
        cut = re.search(r"(?m)^[ 　]*△", body)
        if cut:
            body = body[:cut.start()]
        speaker = norm(m.group(1))
        out.append({"id": f'{rec["id"]}#{i + 1}', "record": rec["id"], "n": i + 1,
                    "speaker": speaker, "text": body.strip()})
    assign_roles(out, names)
    return out


def assign_roles(speeches, names):
    in_chair = None
    opens = {}
    for s in speeches:
        if names.get(s["speaker"], ("", ""))[1] == "member" and OPENS.search(s["text"][:200]):
            opens[s["speaker"]] = opens.get(s["speaker"], 0) + 1
    president = max(opens, key=opens.get) if opens else None
    chair_title = None
    for s in speeches:
        title, kind = names.get(s["speaker"], ("", ""))
        if kind == "member":
            if s["speaker"] == president and in_chair != president or OPENS.search(s["text"][:200]):
                in_chair = s["speaker"]
                if s["speaker"] == president:
                    chair_title = "議長"
                elif "臨時議長" in s["text"] or "年長" in s["text"][:300]:
                    chair_title = "臨時議長"
                else:
                    chair_title = "副議長"
            if s["speaker"] == in_chair:
                s["role"], s["title"] = "chair", chair_title
            else:
                s["role"], s["title"] = "question", "議員"
        elif kind == "executive":
            s["role"], s["title"] = "answer", title
        elif kind == "staff":
            s["role"], s["title"] = "other", title
        else:
            s["role"], s["title"] = "other", ""
    return speeches


def records():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def load():
    """Every record's metadata and speeches: (records by id, speeches by id, speech ids by record)."""
    stamp = os.path.getmtime(CORPUS), os.path.getmtime(os.path.abspath(__file__))
    try:
        with open(CACHE, "rb") as f:
            data = pickle.load(f)
        if data["stamp"] == stamp:
            return data["recs"], data["speeches"], data["by_record"]
    except (OSError, EOFError, KeyError, pickle.PickleError):
        pass
    recs, speeches, by_record = {}, {}, {}
    for r in records():
        recs[r["id"]] = {k: r[k] for k in ("id", "session", "schedule", "source_url")}
        ss = split(r)
        by_record[r["id"]] = [s["id"] for s in ss]
        for s in ss:
            speeches[s["id"]] = s
    try:
        with open(CACHE, "wb") as f:
            pickle.dump({"stamp": stamp, "recs": recs, "speeches": speeches, "by_record": by_record}, f)
    except OSError:
        pass
    return recs, speeches, by_record


def head(s, n=60):
    body = MARKER.sub("", s["text"], count=1)
    return WS.sub("", body)[:n]


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    recs, speeches, by_record = load()
    if args[0] == "stats":
        from collections import Counter
        roles = Counter(s["role"] for s in speeches.values())
        chars = Counter()
        for s in speeches.values():
            chars[s["role"]] += len(norm(s["text"]))
        print(f"records {len(recs)}  speeches {len(speeches)}")
        for r, n in roles.most_common():
            print(f"  {r:<9} {n:6d} speeches {chars[r]:>10,d} characters")
        other = Counter(s["speaker"] for s in speeches.values() if s["role"] == "other" and not s["title"])
        print("  speakers not in the roster:", other.most_common(15))
        titles = Counter(s["title"] for s in speeches.values() if s["role"] == "answer")
        print("  answer titles:", titles.most_common(25))
    elif args[0] == "show":
        for sid in args[1:]:
            s = speeches[sid]
            r = recs[s["record"]]
            print(f'== {sid} {s["speaker"]} ({s["title"]}) {s["role"]}  {r["session"]} {r["schedule"]}')
            print(s["text"])
            print()
    elif args[0] == "grep":
        pat = re.compile(args[1])
        role = args[args.index("--role") + 1] if "--role" in args else None
        mn = int(args[args.index("--min") + 1]) if "--min" in args else 1
        for sid in (i for r in by_record.values() for i in r):
            s = speeches[sid]
            if role and s["role"] != role:
                continue
            t = norm(s["text"])
            hits = pat.findall(t)
            if len(hits) >= mn:
                r = recs[s["record"]]
                print(f'{sid}\t{s["role"]}\t{s["speaker"]}({s["title"]})\t{r["session"]}\t{len(hits)}\t{len(t)}\t{head(s)}')
    elif args[0] == "dump":
        for sid in (i for r in by_record.values() for i in r):
            print(json.dumps(speeches[sid], ensure_ascii=False))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
