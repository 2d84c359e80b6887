#!/usr/bin/env python3
"""Builds the tiny dictd fixtures of tests/lexicon_test.cpp from their readable sources.

Each NAME.src holds entries separated by lines "%%"; the first line of an entry is its headword.
Writes NAME.index ("headword<TAB>offset<TAB>length", dictd's base64) and NAME.dict.dz (gzip, which
dictzip is compatible with) or, with --plain, NAME.dict. Run from this directory:
    python3 make_fixtures.py mueller-mini freedict-mini-eng-tur && python3 make_fixtures.py --plain freedict-mini-tur-eng
"""
import gzip
import sys

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(n: int) -> str:
    digits = ""
    while True:
        digits = B64[n % 64] + digits
        n //= 64
        if n == 0:
            return digits


def build(name: str, plain: bool) -> None:
    with open(name + ".src", encoding="utf-8") as f:
        entries = [e.strip("\n") + "\n" for e in f.read().split("\n%%\n") if e.strip()]
    data = b""
    index = []
    for entry in entries:
        body = entry.encode("utf-8")
        head = entry.split("\n", 1)[0].split(" /", 1)[0]  # FreeDict: "war /wˈɔː/"
        index.append((head, len(data), len(body)))
        data += body
    with open(name + ".index", "w", encoding="utf-8") as f:
        for head, offset, length in sorted(index):
            f.write(f"{head}\t{b64(offset)}\t{b64(length)}\n")
    if plain:
        with open(name + ".dict", "wb") as f:
            f.write(data)
    else:
        with open(name + ".dict.dz", "wb") as f:
            f.write(gzip.compress(data, mtime=0))


if __name__ == "__main__":
    args = sys.argv[1:]
    plain = "--plain" in args
    for name in (a for a in args if a != "--plain"):
        build(name, plain)
