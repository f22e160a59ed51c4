#!/usr/bin/env python3
"""Rewrite the 桐生市 minutes the way a ward's (or most cities') minutes mark their speakers, to
measure whether what the service reads from kiryu's records carries to other records.

    ward.py OUT.jsonl.gz [--keep-roster]

kiryu's records mark a speech with the speaker's name alone (「○荒木恵司　」) and list titles in a
roster at the top; a ward's minutes write the title in the marker (「○区長（森澤恭子君）　」,
「○１番（山田太郎君）　」). Every marker of a person is rewritten so, from the speaker, title and
role minutes.py gives it: the executive and the chair as 「○title（name君）　」 (○市長（荒木恵司君）,
○議長（森山享大君）, ○教育部長（戸部裕幸君）), assembly staff likewise, members as 「○N番（name君）　」
with a seat number drawn from the name (full width, 1–24); markers that are no person
(○議案第５４号) stay as they are. Without --keep-roster the roster (from 出席議員 to the first 「△」
line before the first speech) is dropped, so titles and roles can only come from the markers.
Records, their order, ids, sessions and schedules stay the same, so score.py scores a service
that indexed OUT: its mapper reads a rewritten marker as the name it was made from.
"""
import gzip, json, sys, zlib

import minutes

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def marker(name, s):
    role, title = s.get("role"), s.get("title") or ""
    if role == "question":
        seat = zlib.crc32(name.encode()) % 24 + 1
        return f"○{str(seat).translate(FULL_WIDTH)}番（{name}君）　"
    if role in ("answer", "chair") or (role == "other" and title):
        return f"○{title}（{name}君）　"
    return None


def rewrite(rec, keep_roster):
    text = rec["text"]
    speeches = minutes.split(rec)
    marks = list(minutes.MARKER.finditer(text))
    assert len(marks) == len(speeches), rec["id"]
    if not marks:
        return text, 0
    head = text[:marks[0].start()]
    if not keep_roster:
        i, j = head.find("出席議員"), head.rfind("△")
        if i >= 0:
            head = head[:i] + (head[j:] if j > i else "")
    parts, last, n = [head], marks[0].start(), 0
    for m, s in zip(marks, speeches):
        parts.append(text[last:m.start()])
        whole = m.group(0)
        indent = whole[:len(whole) - len(whole.lstrip(" 　"))]
        new = marker(m.group(1), s)
        parts.append(indent + (new or whole.lstrip(" 　")))
        n += new is not None
        last = m.end()
    parts.append(text[last:])
    return "".join(parts), n


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    keep = "--keep-roster" in args
    records = rewritten = 0
    with gzip.open(args[0], "wt", encoding="utf-8") as out:
        for rec in minutes.records():
            text, n = rewrite(rec, keep)
            out.write(json.dumps(dict(rec, text=text), ensure_ascii=False) + "\n")
            records += 1
            rewritten += n
    print(f"{records} records, {rewritten} markers rewritten", file=sys.stderr)


if __name__ == "__main__":
    main()
