#!/usr/bin/env python3
"""Builds testdata/corpus/, the sample corpus bundled with quotekit, from the shared interview
corpus (../shared/corpora/interviews by default). Python 3 standard library only.

Usage: scripts/make_sample_corpus.py [--src DIR] [--out DIR]

Output (committed, so the project works without ../shared):

  000_kommersant_hajiyev.txt    Kommersant interview with Hikmet Hajiyev, July 2020: the first
                                ~8.5 KB of the one-line original, cut before a "—" turn marker;
                                keeps the glued questions/answers and the first U+FFFD pair.
  001_rossiya1_60_minutes.txt   the start of the 26-interview file: the "On this historical day"
                                furniture line and the first paragraphs of the Rossiya-1
                                interview ("Host:" / "President Ilham Aliyev:" turns).
  002_shusha_media_forum.txt    news report, July 2023: the paragraphs up to the body's second
                                translation of the lead quote ("... only the naive can count ...").
  003_natsionalnaya_oborona.txt interview, Sept 2021: the furniture head (timestamps, glued date
                                line), the first dash-led Q/A turns, then the last Q/A turns and
                                the furniture tail (teasers, timestamps) of the scraped page.
  004_euractiv_hajiyev.txt      EURACTIV report, May 2020: the whole file (2.5 KB).
  interviews-2020.jsonl         the 26 interviews of 001_7e6423926252e8bc.txt, one JSON record per
                                interview: id ("2020-10-02-al-jazeera"; "2020-al-arabiya" when
                                undated), outlet, date (ISO 8601 where the header or first
                                paragraph says "On October 2" / "on 6 October"; null for the 17
                                interviews whose text gives no date), title (the header line) and
                                text (the header line through the line before the next header,
                                trailing blank lines dropped). No "lang": identification decides.

Every plain-text excerpt is a run of whole paragraphs (whole lines) of the original, byte for
byte, except 000 which has no line breaks and is cut at a turn boundary.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "interviews"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "testdata", "corpus"))

# How each interview of 001 starts: a header line of its own, e.g.
#   "Ilham Aliyev was interviewed by Al Jazeera TV channel"
#   "Sky News TV channel broadcast interview with President Ilham Aliyev"
#   "Ilham Aliyev gave an interview to ... for Russian RIA Novosti agency"
#   "Ilham Aliyev took questions on “Rossiya-1” TV channel’s “60 minutes” program"
HEADER = re.compile(
    r"^(Ilham Aliyev (was interviewed by|gave (an )?interview to|took questions on) .+"
    r"|.+ broadcast interview with President Ilham Aliyev)$"
)
EXPECTED_INTERVIEWS = 26

# Outlet per header, matched in order; the header names the outlet in varying words.
OUTLETS = [
    ("Rossiya-1", "Rossiya-1"),
    ("Al Jazeera", "Al Jazeera"),
    ("Al Arabiya", "Al Arabiya"),
    ("TRT Haber", "TRT Haber"),
    ("Perviy Kanal", "Perviy Kanal"),
    ("CNN-Turk", "CNN Türk"),
    ("Euronews", "Euronews"),
    ("CNN International", "CNN International"),
    ("Sky News", "Sky News"),
    ("RBC", "RBC"),
    ("Haber Global", "Haber Global"),
    ("Haber Turk", "Habertürk"),
    ("France 24", "France 24"),
    ("NTV", "NTV"),
    ("RIA Novosti", "RIA Novosti"),
    ("A Haber", "A Haber"),
    ("TASS", "TASS"),
    ("Nikkei", "Nikkei"),
    ("Le Figaro", "Le Figaro"),
    ("Fox News", "Fox News"),
    ("Rai 1", "Rai 1"),
    ("Interfax", "Interfax"),
    ("ARD", "ARD"),
    ("La Repubblica", "La Repubblica"),
    ("EFE", "EFE"),
    ("BBC News", "BBC News"),
]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"])}
# "On October 2," / "on 6 October" / "On September 29," — the first such phrase in the header
# or the first paragraph is the interview's date (RBC: interviewed October 10, aired October 11).
DATE = re.compile(r"\b[Oo]n (?:(?P<m1>[A-Z][a-z]+) (?P<d1>\d{1,2})|(?P<d2>\d{1,2}) (?P<m2>[A-Z][a-z]+))\b")
YEAR = 2020


def outlet_of(title):
    for needle, name in OUTLETS:
        if re.search(r"(?<![\w-])" + re.escape(needle), title):
            return name
    raise SystemExit(f"make_sample_corpus: no outlet known for header: {title!r}")


def date_of(title, first_paragraph):
    for text in (title, first_paragraph):
        m = DATE.search(text)
        if not m:
            continue
        month = MONTHS.get(m.group("m1") or m.group("m2"))
        if month is None:
            continue
        day = int(m.group("d1") or m.group("d2"))
        return f"{YEAR}-{month:02d}-{day:02d}"
    return None


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ü", "u")).strip("-")


def split_interviews(text):
    """One record per interview: the header line through the line before the next header
    (trailing blank lines dropped). Lines before the first header are page furniture."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if HEADER.match(line)]
    if len(starts) != EXPECTED_INTERVIEWS:
        found = "\n  ".join(lines[i] for i in starts)
        raise SystemExit(f"make_sample_corpus: expected {EXPECTED_INTERVIEWS} interview headers in "
                         f"001, found {len(starts)}:\n  {found}")
    records, ids = [], set()
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        body = "\n".join(lines[start:end]).rstrip()
        title = lines[start]
        first_paragraph = next((l for l in lines[start + 1:end] if l.strip()), "")
        outlet = outlet_of(title)
        date = date_of(title, first_paragraph)
        rec_id = f"{date or YEAR}-{slug(outlet)}"
        if rec_id in ids:
            raise SystemExit(f"make_sample_corpus: duplicate id {rec_id}")
        ids.add(rec_id)
        records.append({"id": rec_id, "outlet": outlet, "date": date, "title": title, "text": body})
    return records


def paragraphs_until(text, limit, must_include=None):
    """The shortest run of whole lines from the start that reaches `limit` bytes and, when
    given, contains `must_include`."""
    out, size = [], 0
    for line in text.split("\n"):
        out.append(line)
        size += len(line.encode("utf-8")) + 1
        joined = "\n".join(out)
        if size >= limit and (must_include is None or must_include in joined):
            break
    return "\n".join(out).rstrip("\n") + "\n"


def excerpt_000(text):
    # One line, turns glued with "—". Keep the first broken characters (U+FFFD U+FFFD) and
    # the answer after them; cut just before the next turn marker.
    bad = text.index("\ufffd")
    question = text.index("\u2014", bad)
    next_turn = text.index("\u2014", text.index("\u2014", question + 1) + 1)
    return text[:next_turn]


def excerpt_003(text):
    lines = text.split("\n")
    head = lines[:8]  # "12:00", title, glued "24 September 2021, 12:10..." line, first Q/A turns
    # The tail: the closing Q/A, then the unrelated teasers and timestamps of the web page.
    tail_start = next(i for i in range(len(lines) - 1, 0, -1) if lines[i].startswith("- Thank you. Thank"))
    tail = lines[tail_start - 1:]
    return "\n".join(head) + "\n" + "\n".join(tail).rstrip("\n") + "\n"


def read(src, name):
    with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
        return f.read()


def write(out, name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"{name}: {len(text.encode('utf-8'))} bytes", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC, help="the shared interviews folder")
    ap.add_argument("--out", default=DEFAULT_OUT, help="where to write the sample corpus")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    write(args.out, "000_kommersant_hajiyev.txt", excerpt_000(read(args.src, "000_5f32a5e8eb0474fb.txt")))
    t001 = read(args.src, "001_7e6423926252e8bc.txt")
    write(args.out, "001_rossiya1_60_minutes.txt", paragraphs_until(t001, 4000))
    write(args.out, "002_shusha_media_forum.txt",
          paragraphs_until(read(args.src, "002_0dbd30f75ab8431c.txt"), 4000, "only the naive can count"))
    write(args.out, "003_natsionalnaya_oborona.txt", excerpt_003(read(args.src, "003_c73a71f05d878473.txt")))
    write(args.out, "004_euractiv_hajiyev.txt", read(args.src, "004_afdebe055954b1b4.txt"))

    records = split_interviews(t001)
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    write(args.out, "interviews-2020.jsonl", jsonl)
    dated = sum(1 for r in records if r["date"])
    print(f"interviews-2020.jsonl: {len(records)} interviews, {dated} with a date", file=sys.stderr)


if __name__ == "__main__":
    main()
