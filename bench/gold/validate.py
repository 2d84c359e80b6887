#!/usr/bin/env python3
"""Validate the hand-labelled talking-point set (stdlib only).

Checks
  * every rendering / "also" entry / near-miss side: its text equals the bytes
    [start, end) of its file in the corpus (UTF-8), and has no surrounding
    whitespace;
  * for 001 (many interviews in one file): the recorded interview_header is the
    header line of the interview the span lies in;
  * every talking point has >= 3 renderings from >= 3 distinct interviews,
    unique ids, no duplicate or overlapping renderings inside it;
  * no rendering belongs to two talking points (identical or overlapping spans);
  * "also" entries (acceptable extra answers) are not renderings of the same point;
  * near misses: >= 10, the two sides are not both members of one talking point;
  * at least 15 talking points.

Usage: python3 bench/gold/validate.py [--corpora DIR] [--gold DIR]
The corpus defaults to <repo>/../shared/corpora/interviews.
"""
import argparse
import bisect
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
# header lines of the interviews in a multi-interview file (001)
HEADER = re.compile(rb'^(?:Ilham Aliyev (?:was interviewed|gave|took questions).*'
                    rb'|.*broadcast interview with President Ilham Aliyev)$', re.M)

MIN_TPS = 15
MIN_RENDERINGS = 3
MIN_INTERVIEWS = 3
MIN_NEAR_MISSES = 10


class Checker:
    def __init__(self, corpora):
        self.corpora = corpora
        self.cache = {}
        self.errors = []

    def err(self, msg):
        self.errors.append(msg)

    def file(self, name):
        if name not in self.cache:
            path = os.path.join(self.corpora, name)
            try:
                with open(path, 'rb') as fh:
                    data = fh.read()
            except OSError as e:
                self.err(f'cannot read {path}: {e}')
                data = None
            headers = []
            if data is not None:
                headers = [(m.start(), m.group().decode('utf-8')) for m in HEADER.finditer(data)]
            self.cache[name] = (data, headers)
        return self.cache[name]

    def span(self, where, r):
        """Check one {file,start,end,text}; return its interview key or None."""
        for k in ('file', 'start', 'end', 'text'):
            if k not in r:
                self.err(f'{where}: missing "{k}"')
                return None
        data, headers = self.file(r['file'])
        if data is None:
            return None
        s, e, t = r['start'], r['end'], r['text']
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(data)):
            self.err(f'{where}: bad offsets [{s},{e}) for {r["file"]} of {len(data)} bytes')
            return None
        got = data[s:e]
        if got != t.encode('utf-8'):
            self.err(f'{where}: text differs from {r["file"]}[{s}:{e}]\n'
                     f'    json: {t!r}\n    file: {got.decode("utf-8", "replace")!r}')
        if t != t.strip():
            self.err(f'{where}: text has surrounding whitespace')
        if len(headers) > 1:  # several interviews in one file
            i = bisect.bisect_right([h[0] for h in headers], s) - 1
            if i < 0:
                self.err(f'{where}: span lies before the first interview header of {r["file"]}')
                return None
            actual = headers[i][1]
            if r.get('interview_header') != actual:
                self.err(f'{where}: interview_header {r.get("interview_header")!r} but the span lies in {actual!r}')
            return (r['file'], headers[i][0])
        return (r['file'], 0)


def load_jsonl(path, ck):
    out = []
    try:
        with open(path, encoding='utf-8') as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        out.append(json.loads(line))
                    except json.JSONDecodeError as e:
                        ck.err(f'{path}:{n}: {e}')
    except OSError as e:
        ck.err(f'cannot read {path}: {e}')
    return out


def overlaps(a, b):
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--corpora', default=os.path.join(REPO, '..', 'shared', 'corpora', 'interviews'),
                    help='folder with the interview files (default: <repo>/../shared/corpora/interviews)')
    ap.add_argument('--gold', default=HERE, help='folder with talking_points.jsonl and near_misses.jsonl')
    a = ap.parse_args()
    ck = Checker(os.path.normpath(a.corpora))
    if not os.path.isdir(ck.corpora):
        print(f'corpus folder not found: {ck.corpora} (use --corpora)', file=sys.stderr)
        return 2

    tps = load_jsonl(os.path.join(a.gold, 'talking_points.jsonl'), ck)
    nms = load_jsonl(os.path.join(a.gold, 'near_misses.jsonl'), ck)

    ids = set()
    owner = {}           # (file,start,end) -> tp id, renderings only
    spans = []           # (file,start,end,tp id)
    members = {}         # tp id -> set of spans incl. also
    n_rend = 0
    for i, tp in enumerate(tps):
        tid = tp.get('id', f'#{i}')
        if tid in ids:
            ck.err(f'duplicate id {tid}')
        ids.add(tid)
        if not tp.get('claim'):
            ck.err(f'{tid}: missing claim')
        rs = tp.get('renderings', [])
        interviews = set()
        mine = []
        for j, r in enumerate(rs):
            key = ck.span(f'{tid} rendering {j}', r)
            if key:
                interviews.add(key)
            sp = (r.get('file'), r.get('start'), r.get('end'))
            for other in mine:
                if overlaps(sp, other):
                    ck.err(f'{tid}: renderings {other} and {sp} overlap')
            mine.append(sp)
            for f, s, e, t2 in spans:
                if t2 != tid and overlaps(sp, (f, s, e)):
                    ck.err(f'{tid}: rendering {sp} also (or overlapping) in {t2}')
            spans.append(sp + (tid,))
            owner[sp] = tid
        n_rend += len(rs)
        if len(rs) < MIN_RENDERINGS:
            ck.err(f'{tid}: {len(rs)} renderings, need >= {MIN_RENDERINGS}')
        if len(interviews) < MIN_INTERVIEWS:
            ck.err(f'{tid}: renderings from {len(interviews)} distinct interviews, need >= {MIN_INTERVIEWS}')
        allm = set(mine)
        for j, r in enumerate(tp.get('also', [])):
            ck.span(f'{tid} also {j}', r)
            sp = (r.get('file'), r.get('start'), r.get('end'))
            if any(overlaps(sp, m) for m in mine):
                ck.err(f'{tid}: also entry {sp} overlaps one of its renderings')
            allm.add(sp)
        members[tid] = allm

    if len(tps) < MIN_TPS:
        ck.err(f'{len(tps)} talking points, need >= {MIN_TPS}')

    for i, nm in enumerate(nms):
        if not nm.get('why'):
            ck.err(f'near miss {i}: missing "why"')
        sa, sb = nm.get('a', {}), nm.get('b', {})
        ck.span(f'near miss {i} a', sa)
        ck.span(f'near miss {i} b', sb)
        ka = (sa.get('file'), sa.get('start'), sa.get('end'))
        kb = (sb.get('file'), sb.get('start'), sb.get('end'))
        if overlaps(ka, kb):
            ck.err(f'near miss {i}: a and b overlap')
        for tid, m in members.items():
            if any(overlaps(ka, x) for x in m) and any(overlaps(kb, x) for x in m):
                ck.err(f'near miss {i}: both sides belong to {tid}')
    if len(nms) < MIN_NEAR_MISSES:
        ck.err(f'{len(nms)} near misses, need >= {MIN_NEAR_MISSES}')

    # Pooled judgements: every line a span of the corpus, a known point, a verdict and a reason;
    # a sentence judged the same claim must not be a rendering of its own point (it would be
    # both query answer and ignored).
    pooled_path = os.path.join(a.gold, 'pooled_judgements.jsonl')
    n_pooled = n_same = 0
    if os.path.exists(pooled_path):
        for i, j in enumerate(load_jsonl(pooled_path, ck)):
            n_pooled += 1
            where = f'pooled judgement {i + 1}'
            for k in ('file', 'start', 'end', 'text'):
                if k not in j:
                    ck.err(f'{where}: missing "{k}"')
            if any(k not in j for k in ('file', 'start', 'end', 'text')):
                continue
            data, _ = ck.file(j['file'])
            if data is not None and data[j['start']:j['end']] != j['text'].encode('utf-8'):
                ck.err(f'{where}: text differs from {j["file"]}[{j["start"]}:{j["end"]}]')
            if j.get('point') not in ids:
                ck.err(f'{where}: unknown point {j.get("point")!r}')
            if not isinstance(j.get('same_claim'), bool):
                ck.err(f'{where}: "same_claim" must be true or false')
            if not j.get('why'):
                ck.err(f'{where}: missing "why"')
            if j.get('same_claim'):
                n_same += 1
                sp = (j['file'], j['start'], j['end'])
                if sp in owner and owner[sp] == j.get('point'):
                    ck.err(f'{where}: already a rendering of {owner[sp]}')

    sizes = [len(tp.get('renderings', [])) for tp in tps]
    pairs = sum(k * (k - 1) // 2 for k in sizes)
    print(f'{len(tps)} talking points, {n_rend} renderings '
          f'(per point min {min(sizes, default=0)}, max {max(sizes, default=0)}), '
          f'{pairs} positive pairs, {len(nms)} near misses, '
          f'{n_pooled} pooled judgements ({n_same} the same claim)')
    if ck.errors:
        for e in ck.errors:
            print('ERROR', e, file=sys.stderr)
        print(f'FAILED: {len(ck.errors)} error(s)', file=sys.stderr)
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
