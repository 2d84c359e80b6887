#!/usr/bin/env python3
"""Regenerate talking_points.jsonl and near_misses.jsonl from the hand-made
selection below.  Stdlib only.

This script is the record of the manual labelling, not a labeller: every
rendering was chosen by reading the interview around it (see README.md).  The
selection names a rendering by (file prefix, byte offset of the sentence
start); the script cuts the sentence that starts there with a simple
segmenter, strips speaker-turn markers ("-", "–", "President Ilham Aliyev:"),
and writes the exact bytes and offsets.  Where the simple segmenter is wrong
(an abbreviation like "i.e.", two sentences glued without a space), the
selection gives the exact text instead.

    python3 bench/gold/build_gold.py [--corpora DIR]
    python3 bench/gold/validate.py
"""
import argparse
import bisect
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# --- interviews -----------------------------------------------------------

F001 = '001_7e6423926252e8bc.txt'
# (1-based line of the header line in 001, short outlet name, date if the text states it)
HEADERS_001 = [
    (3, 'Rossiya-1 "60 minutes"', '2020-09-29'),
    (50, 'Al Jazeera', '2020-10-02'),
    (135, 'Al Arabiya', None),
    (184, 'TRT Haber', None),
    (311, 'Perviy Kanal', '2020-10-06'),
    (356, 'CNN-Turk', None),
    (364, 'Euronews', None),
    (397, 'CNN International', None),
    (504, 'Sky News', None),
    (581, 'RBC', '2020-10-10'),
    (652, 'Haber Global', None),
    (725, 'Haber Turk', '2020-10-13'),
    (836, 'France 24', None),
    (883, 'NTV', None),
    (996, 'RIA Novosti', None),
    (1037, 'A Haber', None),
    (1238, 'TASS', None),
    (1295, 'Nikkei', '2020-10-21'),
    (1411, 'Le Figaro', None),
    (1484, 'Fox News', None),
    (1684, 'Rai 1', '2020-10-26'),
    (1721, 'Interfax', None),
    (1936, 'ARD', None),
    (2160, 'La Repubblica', '2020-11-02'),
    (2199, 'EFE', None),
    (2266, 'BBC News', '2020-11-06'),
]
OTHER = {
    '000_5f32a5e8eb0474fb.txt': ('Kommersant (Hikmet Hajiyev)', '2020-07', 'Hikmet Hajiyev',
                                 'Kommersant interview with presidential aide Hikmet Hajiyev (machine-translated)'),
    '002_0dbd30f75ab8431c.txt': ('Shusha Global Media Forum report', '2023-07-23', 'Ilham Aliyev',
                                 'Aliyev on the situation with Karabakh Armenians (news report)'),
    '003_c73a71f05d878473.txt': ('Natsionalnaya oborona', '2021-09-24', 'Ilham Aliyev',
                                 None),  # header = its title line, filled in below
    '004_afdebe055954b1b4.txt': ('EURACTIV (Hikmet Hajiyev)', '2020-05-14', 'Hikmet Hajiyev',
                                 'EURACTIV report on an interview with Hikmet Hajiyev'),
}


class Corpus:
    def __init__(self, root):
        self.root = root
        self.files = {f[:3]: f for f in os.listdir(root) if f.endswith('.txt')}
        self._cache = {}

    def data(self, fn):
        if fn not in self._cache:
            with open(os.path.join(self.root, fn), 'rb') as fh:
                b = fh.read()
            lines = [0] + [m.end() for m in re.finditer(rb'\n', b)]
            self._cache[fn] = (b, lines)
        return self._cache[fn]

    def interview(self, fn, off):
        b, lines = self.data(fn)
        if fn == F001:
            line = bisect.bisect_right(lines, off)  # 1-based line of off
            cur = None
            for l, name, date in HEADERS_001:
                if l <= line:
                    cur = (l, name, date)
            l, name, date = cur
            header = b[lines[l - 1]:lines[l] - 1].decode('utf-8')
            return {'interview': name + (f' ({date})' if date else ''),
                    'interview_header': header, 'speaker': 'Ilham Aliyev'}
        name, date, speaker, header = OTHER[fn]
        if header is None:
            header = b[lines[1]:lines[2] - 1].decode('utf-8').strip()
        return {'interview': f'{name} ({date})', 'interview_header': header, 'speaker': speaker}


SENT = re.compile(r'\S.*?(?:[.?!…]+[”"’)]*(?=\s|$)|$)')
TURN = re.compile(r'^(?:[-–—]\s*)?(?:(?:President Ilham Aliyev|Host|Correspondent):\s*)?')


def cut(corpus, fp, off, text=None):
    """Return (fn, start, end, text) for the rendering that starts at byte off."""
    fn = corpus.files[fp]
    b, lines = corpus.data(fn)
    if text is not None:
        start = b.find(text.encode('utf-8'), max(0, off - 400))
        assert start >= 0 and abs(start - off) < 400, (fp, off, text)
        return fn, start, start + len(text.encode('utf-8')), text
    # the line (paragraph) containing off
    li = bisect.bisect_right(lines, off) - 1
    lend = lines[li + 1] - 1 if li + 1 < len(lines) else len(b)
    para = b[lines[li]:lend].decode('utf-8')
    rel = len(b[lines[li]:off].decode('utf-8'))
    for m in SENT.finditer(para):
        if m.start() == rel:
            s = m.group()
            t = TURN.match(s)
            s2 = s[t.end():]
            start = off + len(s[:t.end()].encode('utf-8'))
            return fn, start, start + len(s2.encode('utf-8')), s2
    raise SystemExit(f'no sentence starts at {fp}:{off}')


# --- the selection --------------------------------------------------------
# Each rendering: (file prefix, sentence offset) or (prefix, offset, {"text":..., "note":...}).
A = '001'
NTV_UN = ('The reason for the unresolved status of the issue is primarily the disrespectful attitude of '
          'international organizations for their own decisions because, as you know, the United Nations '
          'Security Council adopted four resolutions in 1993 requiring an unconditional and complete '
          'withdrawal of Armenian armed forces from our lands, i.e. without putting forward any conditions.')
KOM_SYRIA = ('Information about the transfer to Azerbaijan of militants from Syria through Turkey — '
             'this is absolute nonsense, misinformation and fake news.')

TPS = [
    ('tp01-un-resolutions-withdrawal',
     'In 1993 the UN Security Council adopted (four) resolutions demanding the immediate, complete and '
     'unconditional withdrawal of Armenian troops from the occupied territories of Azerbaijan.',
     [(A, 12294), (A, 272000, {'text': NTV_UN}), (A, 289043), (A, 375239), (A, 426062), (A, 542880),
      (A, 579263), ('002', 7216)],
     [('004', 2209, {'speaker': 'EURACTIV (background paragraph of the report, not a quote)', 'note': 'the reporter restates the claim in the background paragraph'})]),
    ('tp02-cochairs-unsc-no-pressure',
     'The Minsk Group co-chairs are the permanent members of the UN Security Council that adopted those '
     'resolutions, yet they did not make Armenia comply with them.',
     [(A, 375466), (A, 411486), (A, 480592), (A, 562820)], []),
    ('tp03-minsk-group-no-results',
     'The OSCE Minsk Group mediation has produced no result in 28 (or 30) years.',
     [(A, 12544), (A, 96683), (A, 124690), (A, 218780), (A, 257095), (A, 374799), (A, 562183),
      ('004', 2209, {'speaker': 'EURACTIV (background paragraph of the report, not a quote)', 'note': 'the reporter restates the claim in the background paragraph'})],
     [(A, 272418)]),
    ('tp04-minsk-group-set-up-1992',
     'The Minsk Group was set up back in 1992, in different geopolitical realities and on an unclear basis '
     '(so its composition is outdated).',
     [(A, 102795), (A, 164950), (A, 190606), (A, 216977), (A, 480788)], []),
    ('tp05-nobody-recognizes-nk',
     'No country in the world recognizes the so-called Nagorno-Karabakh Republic, not even Armenia.',
     [(A, 18845), (A, 49611), (A, 415075)], []),
    ('tp06-world-recognizes-territorial-integrity',
     "The whole world recognizes Azerbaijan's territorial integrity, i.e. Nagorno-Karabakh as part of Azerbaijan.",
     [(A, 135322), (A, 207715), (A, 438682), (A, 490497), (A, 528696)], [(A, 18845)]),
    ('tp07-f16-shootdown-fake',
     'The Armenian claim that a Turkish F-16 shot down an Armenian Su-25 was fake news.',
     [(A, 36864), (A, 52573), (A, 80803), (A, 95644), (A, 118546), (A, 320868), (A, 406796)],
     [(A, 37575)]),
    ('tp08-f16-here-after-exercise',
     'The Turkish F-16s in Azerbaijan came for a joint military exercise just before the fighting and stayed.',
     [(A, 118003), (A, 248414), (A, 406592), (A, 460257), (A, 537850)], []),
    ('tp09-turkey-not-involved',
     'Turkey is not a party to the conflict and is not involved in it.',
     [(A, 3779), (A, 36808), (A, 95526), (A, 113009), (A, 355538), (A, 407645)],
     [(A, 112481)]),
    ('tp10-no-mercenaries',
     "There are no (Syrian) mercenaries or militants fighting on Azerbaijan's side.",
     [('000', 15169, {'text': KOM_SYRIA}), (A, 9460), (A, 51556), (A, 247423), (A, 286244), (A, 567493)], []),
    ('tp11-no-need-for-mercenaries',
     'Azerbaijan does not need mercenaries: it has a large, well-trained army.',
     [(A, 97731), (A, 145925), (A, 435060)], []),
    ('tp12-karabakh-armenians-are-our-citizens',
     "The Armenians living in Nagorno-Karabakh are Azerbaijan's citizens.",
     [(A, 24357), (A, 87727), (A, 98816), (A, 378368), (A, 428894), (A, 549031), (A, 579581)], []),
    ('tp13-thousands-of-armenians-live-in-azerbaijan',
     'Thousands of Armenians live in Azerbaijan today, mainly in Baku.',
     [(A, 86179), (A, 122885), (A, 209211), (A, 417331), (A, 463852), (A, 551104)], [(A, 24357)]),
    ('tp14-karabakh-is-armenia-destroyed-talks',
     'Pashinyan\'s statement "Karabakh is Armenia (and full stop)" destroyed the negotiations / made them senseless.',
     [(A, 16718), (A, 45911), (A, 110909), (A, 129267), (A, 456553), ('003', 8251)], []),
    ('tp15-demand-to-negotiate-with-nk',
     'Pashinyan demanded that Azerbaijan negotiate with the so-called Nagorno-Karabakh authorities '
     '(an attempt to change the negotiation format).',
     [(A, 21496), (A, 145063), (A, 188696), (A, 287044), (A, 456369), (A, 561616)], [(A, 49611)]),
    ('tp16-format-of-negotiations-unchanged',
     'Under the Moscow statement the format of negotiations (Azerbaijan-Armenia) remains unchanged.',
     [(A, 151337), (A, 188565), (A, 206009), (A, 240701), (A, 370750)], []),
    ('tp17-ganja-missile-after-first-ceasefire',
     "Within a day of the first (Moscow, 10 October) ceasefire Armenia hit Ganja with a ballistic missile "
     "from Armenia's territory.",
     [(A, 288588), (A, 340945), (A, 369312), (A, 429733), (A, 454990), (A, 471153), (A, 520674), (A, 549595)],
     []),
    ('tp18-armenia-attacked-on-27-september',
     'On 27 September Armenia attacked (shelled) Azerbaijani military positions and settlements.',
     [('003', 997), (A, 708), (A, 41354), (A, 92345), (A, 106885), (A, 120512), (A, 424643), (A, 519020)], []),
    ('tp19-we-gave-adequate-response',
     'Azerbaijan was forced to respond adequately (launched a counter-offensive).',
     [('003', 1149), (A, 1026), (A, 41722), (A, 92624), (A, 403153)], []),
    ('tp20-status-quo-unacceptable',
     'The presidents of the co-chair countries (Russia, the US, France) said repeatedly that the status quo is '
     'unacceptable.',
     [('000', 5226), (A, 6465), (A, 101972), (A, 108907), (A, 193621), (A, 332321), (A, 484590)], []),
    ('tp21-no-status-quo-no-line-of-contact',
     'The status quo and the line of contact no longer exist.',
     [(A, 196495), (A, 274172), (A, 333043), (A, 345607), (A, 366225), (A, 413653)], []),
    ('tp22-opposition-leader-arrested-before-attack',
     "Armenia's main opposition party leader was arrested two days before Armenia attacked.",
     [(A, 8976), (A, 17672), (A, 230597)], []),
    ('tp23-nk-army-90-percent-armenian-citizens',
     '90 percent of the so-called Nagorno-Karabakh army are citizens of Armenia.',
     [(A, 58645), (A, 100992), (A, 144475), (A, 291104)], []),
    ('tp24-khojaly-genocide',
     'Armenians committed genocide (massacred civilians) in Khojaly.',
     [(A, 100312), (A, 156743), (A, 298150), (A, 610466)], []),
    ('tp25-return-of-refugees-and-idps',
     'The goal is to return the Azerbaijani refugees and internally displaced persons to their lands.',
     [('003', 50650), (A, 121823), (A, 144683), (A, 203761),
      (A, 373354, {'note': 'short alternating turns; attributed to Aliyev from the turn order (the line before is the journalist\'s interjection)'}),
      (A, 558318)], []),
    ('tp26-azerbaijanis-25-percent-of-nk',
     "Before the conflict Azerbaijanis were 25 percent of Nagorno-Karabakh's population.",
     [(A, 50209), (A, 99183), (A, 121588), (A, 136391), (A, 352256)], []),
    ('tp27-shusha-98-percent-azerbaijani',
     "Shusha's population was 98 percent Azerbaijani.",
     [(A, 99316), (A, 267980), (A, 547918)], []),
    ('tp28-timetable-for-withdrawal',
     'Armenia must give a timetable for withdrawing its troops from the occupied territories.',
     [(A, 44884), (A, 62647), (A, 107334), (A, 350302), (A, 439097), (A, 559042)], []),
    ('tp29-pashinyan-product-of-soros',
     'Pashinyan is a product (creature, foster child) of Soros.',
     [(A, 8685), (A, 231560), (A, 294969), (A, 330826), (A, 361781)], []),
    ('tp30-pashinyan-team-from-soros-ngos',
     "Pashinyan's team consists of people from Soros and other Western-funded NGOs.",
     [(A, 232548), (A, 330869), (A, 361991)], []),
    ('tp31-revenge-on-the-battlefield',
     'Azerbaijan takes its revenge for the attacks on its cities only on the battlefield.',
     [(A, 202262), (A, 380608), (A, 431630), (A, 580846)], []),
    ('tp32-told-there-is-no-military-solution',
     'For years the international community kept saying that there is no military solution to the conflict.',
     [(A, 56179), (A, 155049), (A, 262851), (A, 539898), (A, 563908)], []),
    ('tp33-pigs-in-mosques',
     'Armenians keep pigs (and cows) in Azerbaijani mosques.',
     [(A, 30944), (A, 72480), (A, 422789), (A, 533171), (A, 586297)], []),
    ('tp34-mosques-destroyed',
     'Armenians destroyed the mosques in the occupied territories.',
     [(A, 30884), (A, 50706), (A, 379523), (A, 422724)], []),
    ('tp35-lebanese-armenians-resettled',
     'Armenia resettles Armenians from Lebanon (foreigners) in the occupied territories, violating the Geneva '
     'Convention.',
     [(A, 7818), (A, 23634), (A, 43853), (A, 419107), (A, 477888)], []),
    ('tp36-armenians-resettled-in-19th-century',
     'Armenians were resettled in Karabakh in the 19th century by Tsarist Russia (from Persia/Iran and Eastern '
     'Anatolia, after the Russo-Persian wars).',
     [(A, 123944), (A, 210121), (A, 293797), (A, 469621), (A, 529656), (A, 548697)], []),
    ('tp37-second-ceasefire-broken-within-minutes',
     'Armenia violated the second ceasefire (17/18 October) minutes after it took effect.',
     [(A, 368884), (A, 412486), (A, 521058),
      (A, 550146, {'note': 'says five minutes where the others say two; kept as the same claim'})], []),
    ('tp38-armenia-gets-weapons-free',
     'Armenia gets its weapons free of charge, whereas Azerbaijan pays for its own.',
     [(A, 112960), (A, 117606), (A, 248265), (A, 409639), (A, 602669)], [(A, 112915)]),
    ('tp39-drones-destroyed-1-billion',
     "Drones alone destroyed about 1 billion dollars' worth of Armenian military equipment.",
     [(A, 249078), (A, 285523), (A, 316265)], []),
    ('tp40-we-do-not-attack-civilians',
     'Azerbaijan does not attack civilians.',
     [(A, 139342), (A, 299529), (A, 431601), (A, 521473), (A, 565007), (A, 587387)], []),
    ('tp41-no-military-targets-in-armenia',
     'Azerbaijan has no military targets on the territory of Armenia and does not strike it.',
     [(A, 7539), (A, 15793), (A, 77465), (A, 94915), (A, 318222)], []),
    ('tp42-armenia-drags-in-third-countries',
     'Armenia is trying to drag third countries and alliances into the conflict, to internationalize it.',
     [('000', 2408), (A, 6254), (A, 94482), (A, 439295), (A, 497201), (A, 573136)], []),
    ('tp43-no-country-will-recognize-nk',
     'No country will ever recognize Nagorno-Karabakh (a prediction; cf. tp05, a statement of fact).',
     [(A, 208081), (A, 415144), (A, 491375)], [(A, 207627)]),
    ('tp44-turkey-support-only-political',
     "Turkey's support to Azerbaijan is only political (and moral), not military.",
     [(A, 116228), (A, 321545), (A, 440285), (A, 544255), (A, 569596), (A, 602369)], []),
]

NEAR_MISSES = [
    ((A, 885), (A, 67248, {'speaker': 'journalist (TRT Haber)'}),
     'Civilian deaths: "11 civilians, including two children" (whole front, 29 Sept) vs "five citizens, including '
     'two children" (one village, said by the TRT Haber journalist): different counts, different events.'),
    ((A, 107030), (A, 474777),
     'Running civilian death toll at different dates: "almost 30" vs "69"; not the same factual claim.'),
    ((A, 283630), (A, 429987),
     'Two different missile strikes on Ganja: the first (ten killed, about 40 injured) vs the second (15 killed).'),
    ((A, 470920), (A, 588956),
     'Two different cluster-munition attacks on Barda: four killed vs 21 killed and 70 injured.'),
    ((A, 405923), (A, 520467),
     'Number of ceasefire violations: "two times" (Le Figaro) vs "3 times" (ARD), said at different dates.'),
    ((A, 18845), (A, 207627),
     'Recognition of Nagorno-Karabakh: "no country recognizes" (fact) vs "no country will recognize" (prediction, '
     'see tp43).'),
    ((A, 407645), (A, 377081),
     'Turkey and the conflict: "not involved in the conflict at all" vs "de facto already involved ... as a member '
     'of the Minsk Group" (involved in diplomacy); opposite surface, different claims.'),
    ((A, 247423), (A, 145925),
     'Mercenaries: "we don\'t have mercenaries" (tp10) vs "we don\'t need mercenaries" (tp11).'),
    ((A, 6465), (A, 485143),
     'Status quo: "unacceptable" (what the co-chairs said, tp20) vs "unstable" (the later thesis Aliyev criticizes).'),
    ((A, 460257), (A, 118356),
     'Turkish F-16s: why they are in Azerbaijan (joint exercise, tp08) vs that they are on the ground and not flying.'),
    ((A, 521473), (A, 565043),
     'Attacks on cities: "we do not attack cities, we do not attack civilians" vs "we do not attack cities in '
     'Nagorno-Karabakh after the 10th of October" (a qualified claim, followed by an admission about before).'),
    ((A, 77465), (A, 27700),
     'Armenian territory: "we had no targets in Armenian territory" vs "we have to destroy those targets [launchers '
     'in Armenia] and then they will accuse us that we attack Armenian territory".'),
    ((A, 99316), (A, 547379, {'speaker': 'journalist (La Repubblica)'}),
     'Same number, opposite claim: Shusha was 98% Azerbaijani vs a territory "populated by 98% of Armenian people" '
     '(the La Repubblica journalist\'s question).'),
    ((A, 58645), (A, 232548),
     'Same number, different claim: 90% of the Nagorno-Karabakh army are Armenian citizens vs 90% of Pashinyan\'s '
     'team come from Soros and other NGOs.'),
    ((A, 12294), (A, 505870),
     'UN resolutions: they demand withdrawal (tp01) vs "yes, resolutions were adopted in 1993 ... and GA, NAM, '
     'European Parliament resolutions" (the point being that resolutions did not help).'),
    ((A, 218780), (A, 479808),
     'Minsk Group: "has not achieved any result in 30 years" (tp03) vs "I cannot deny that the Minsk Group made '
     'attempts ... fundamental principles were elaborated with its assistance".'),
    ((A, 216977), (A, 461448),
     'Minsk Group origins: "established in 1992" (tp04) vs "when it was formed ... the Italian diplomat was the '
     'leader of this Minsk Group".'),
    ((A, 350302), (A, 204941),
     'Timetable: the demand that Armenia provide a withdrawal timetable (tp28) vs "the timetable was not provided, '
     'but we did not particularly insist".'),
    ((A, 380608), (A, 580783),
     'Revenge: "we will take revenge but on the battlefield" (tp31) vs "we will not behave the same way, we will not '
     'take revenge" (on Karabakh Armenians, after ethnic cleansing of Azerbaijanis).'),
    ((A, 230597), (A, 524073),
     'Opposition leader: arrested two days before the clashes (tp22) vs "when he was jailed, they [the West] were '
     'silent".'),
    ((A, 249078), (A, 309019),
     'Destroyed equipment: $1 billion by Turkish drones alone (tp39) vs $2 billion in total in 17-18 days.'),
    ((A, 422724), (A, 586297),
     'Mosques: destroyed (tp34) vs pigs kept in them (tp33): same topic, different claims.'),
]


def rendering(corpus, spec):
    fp, off = spec[0], spec[1]
    extra = spec[2] if len(spec) > 2 and spec[2] else {}
    fn, s, e, t = cut(corpus, fp, off, extra.get('text'))
    r = {'file': fn}
    r.update(corpus.interview(fn, s))
    r.update({'start': s, 'end': e, 'text': t})
    if extra.get('speaker'):
        r['speaker'] = extra['speaker']
    if extra.get('note'):
        r['note'] = extra['note']
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--corpora', default=os.path.join(REPO, '..', 'shared', 'corpora', 'interviews'))
    ap.add_argument('--out', default=HERE)
    a = ap.parse_args()
    corpus = Corpus(os.path.normpath(a.corpora))
    with open(os.path.join(a.out, 'talking_points.jsonl'), 'w', encoding='utf-8') as out:
        for tid, claim, rs, also in TPS:
            obj = {'id': tid, 'claim': claim, 'renderings': [rendering(corpus, r) for r in rs]}
            if also:
                obj['also'] = [rendering(corpus, r) for r in also]
            out.write(json.dumps(obj, ensure_ascii=False) + '\n')
    with open(os.path.join(a.out, 'near_misses.jsonl'), 'w', encoding='utf-8') as out:
        for ra, rb, why in NEAR_MISSES:
            out.write(json.dumps({'a': rendering(corpus, ra), 'b': rendering(corpus, rb), 'why': why},
                                 ensure_ascii=False) + '\n')
    print(f'{len(TPS)} talking points, {sum(len(t[2]) for t in TPS)} renderings, '
          f'{len(NEAR_MISSES)} near misses', file=sys.stderr)


if __name__ == '__main__':
    main()
