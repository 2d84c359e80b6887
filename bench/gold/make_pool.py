#!/usr/bin/env python3
"""Pools the top search hits of every gold rendering for judgement by hand (TREC-style pooling).

The gold set lists a few renderings per talking point, but the interviews say most claims
more often than that. A correct hit the gold set does not list would count as an error in
recall@10 and MRR; pooling finds those hits so that a person can judge them. For each point,
every rendering is searched with `quotekit search` over the whole corpus; the first DEPTH hits
that are not already renderings or `also` entries of the point are pooled, with some context.
Judgements go to pooled_judgements.jsonl (see README.md, "Pooled judgements").

  python3 bench/gold/make_pool.py [--depth 10] [--quotekit build/quotekit] > pool.jsonl
"""
import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def shares_half(a, b):
    """Two (file, start, end) spans share at least half of either one's bytes."""
    if a[0] != b[0]:
        return False
    common = min(a[2], b[2]) - max(a[1], b[1])
    return common * 2 >= (b[2] - b[1]) or common * 2 >= (a[2] - a[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--depth', type=int, default=10, help='hits pooled per query (default 10)')
    ap.add_argument('--quotekit', default=os.path.join(ROOT, 'build', 'quotekit'))
    ap.add_argument('--corpora', default=os.path.join(ROOT, '..', 'shared', 'corpora', 'interviews'))
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.corpora, '*.txt')))
    if not files:
        print(f'no interviews under {a.corpora}', file=sys.stderr)
        return 2
    raw = {os.path.basename(f): open(f, 'rb').read() for f in files}
    with open(os.path.join(HERE, 'talking_points.jsonl'), encoding='utf-8') as f:
        points = [json.loads(line) for line in f if line.strip()]
    for p in points:
        known = [(r['file'], r['start'], r['end']) for r in p['renderings'] + p.get('also', [])]
        pool = {}
        for r in p['renderings']:
            cmd = [a.quotekit, 'search', '--format', 'jsonl', '--top', str(a.depth + 10), '--query', r['text']]
            res = subprocess.run(cmd + files, capture_output=True, text=True, check=False)
            if res.returncode not in (0, 1):
                print(res.stderr, file=sys.stderr)
                return 1
            rank = 0
            for line in res.stdout.splitlines():
                h = json.loads(line)
                key = (h['doc'], h['start'], h['end'])
                if any(shares_half(key, k) for k in known):
                    continue
                rank += 1
                if rank > a.depth:
                    break
                pool.setdefault(key, h)
        for (name, start, end), h in pool.items():
            data = raw[name]
            print(json.dumps({
                'point': p['id'], 'claim': p['claim'], 'file': name, 'start': start, 'end': end,
                'text': h['text'], 'speaker': h.get('speaker'), 'role': h.get('role'),
                'context_before': data[max(0, start - 400):start].decode('utf-8', 'replace'),
                'context_after': data[end:end + 200].decode('utf-8', 'replace'),
            }, ensure_ascii=False))
    return 0


if __name__ == '__main__':
    sys.exit(main())
