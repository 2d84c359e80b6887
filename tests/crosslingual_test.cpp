// Tests of the cross-lingual score, translation alignment and cross-lingual search. They need
// the real bilingual lexicon (built once per test process from Debian's dictd packages, skipped
// when they are not installed) and, for the evaluation targets of issue 5, the shared corpora
// (WMT, NTREX, newstest; skipped when absent, never copied into the project).
#include "quotekit/crosslingual.hpp"

#include "quotekit/document.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "../bench/xling_eval.hpp"
#include "crosslingual_internal.hpp"
#include "lexicon_fixture.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;
const fs::path kCorpora = QUOTEKIT_SHARED_CORPORA;

// The default lexicon (Mueller 7, FreeDict eng-tur and tur-eng), see lexicon_fixture.hpp.
const Lexicon* lexicon() { return testing_lexicon::shared_lexicon(); }

#define REQUIRE_LEXICON()                                                                               \
  if (lexicon() == nullptr)                                                                             \
  GTEST_SKIP() << "dictd dictionaries not installed: install mueller7-dict, dict-freedict-eng-tur and " \
                  "dict-freedict-tur-eng (scripts/setup.sh)"

CrossLingualParts score(Lang a, std::string_view text_a, Lang b, std::string_view text_b) {
  const CrossLingualFeaturizer fa(*lexicon(), a, b), fb(*lexicon(), b, a);
  const auto fa_ = fa.prepare(text_a, Span{0, static_cast<std::uint32_t>(text_a.size())});
  const auto fb_ = fb.prepare(text_b, Span{0, static_cast<std::uint32_t>(text_b.size())});
  return CrossLingualScorer().score(fa_, fb_);
}

// ---- length model ---------------------------------------------------------------------------

TEST(LengthModel, MeasuredRatiosAndInverses) {
  EXPECT_NEAR(length_model(Lang::ru, Lang::en).ratio, 1.01, 1e-9);
  EXPECT_NEAR(length_model(Lang::tr, Lang::en).ratio, 1.02, 1e-9);
  EXPECT_NEAR(length_model(Lang::en, Lang::ru).ratio, 1 / 1.01, 1e-9);
  EXPECT_NEAR(length_model(Lang::ru, Lang::tr).ratio, 1.01 / 1.02, 1e-9);
  EXPECT_DOUBLE_EQ(length_model(Lang::en, Lang::en).ratio, 1.0);
  EXPECT_DOUBLE_EQ(length_model(Lang::other, Lang::en).variance, 6.8);
}

TEST(LengthModel, ProbabilityFallsWithTheMismatch) {
  const LengthModel m{1.0, 6.8};
  EXPECT_NEAR(length_probability(m, 100, 100), 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(length_probability(m, 0, 0), 1.0);
  // delta = 20 / sqrt(6.8 * 110) = 0.73 → P = 2(1 − Φ(0.73)) = 0.47.
  EXPECT_NEAR(length_probability(m, 100, 120), 0.466, 0.01);
  EXPECT_GT(length_probability(m, 100, 110), length_probability(m, 100, 130));
  EXPECT_LT(length_probability(m, 100, 300), 1e-6);
  // The ratio moves the expectation: 100 source characters expect 150 at c = 1.5.
  EXPECT_NEAR(length_probability(LengthModel{1.5, 6.8}, 100, 150), 1.0, 1e-9);
}

// ---- spelling -------------------------------------------------------------------------------

std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j - 1] + (a[i - 1] != b[j - 1]), prev[j] + 1, cur[j - 1] + 1});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

TEST(Spelling, BitParallelEditDistanceEqualsTheTextbookOne) {
  EXPECT_EQ(detail::latin_edit_distance("aliev", "aliev"), 0u);
  EXPECT_EQ(detail::latin_edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(detail::latin_edit_distance("", "abc"), 3u);
  EXPECT_EQ(detail::latin_edit_distance("abc", ""), 3u);
  // Longer forms are compared on their first 64 letters.
  EXPECT_EQ(detail::latin_edit_distance(std::string(70, 'a'), std::string(64, 'a') + "bbbbbb"), 0u);
  std::mt19937 rng(11);
  for (int t = 0; t < 3000; ++t) {
    std::string a(rng() % 65, 'a'), b(rng() % 65, 'a');
    const int alphabet = 2 + int(rng() % 25);  // small alphabets make long matching runs
    for (auto& c : a) c = char('a' + rng() % alphabet);
    for (auto& c : b) c = char('a' + rng() % alphabet);
    if (rng() % 3 == 0 && !a.empty())
      b = (a.substr(rng() % a.size()) + b.substr(0, b.size() / 2)).substr(0, 64);
    ASSERT_EQ(detail::latin_edit_distance(a, b), levenshtein(a, b)) << a << " / " << b;
  }
}

TEST(Spelling, TransliterationsOfOneNameMeetInTheCanonicalForm) {
  // What Normalizer::to_latin gives for the Russian spelling, and the English press spelling.
  EXPECT_EQ(detail::canonical_latin("aliev"), detail::canonical_latin("aliyev"));
  EXPECT_EQ(detail::canonical_latin("pashinyan"), "pashinan");
  EXPECT_EQ(detail::canonical_latin("khabarovsk"), detail::canonical_latin("habarovsk"));
  EXPECT_EQ(detail::canonical_latin("makron"), detail::canonical_latin("macron"));
  EXPECT_EQ(detail::canonical_latin("zelenskiy"), detail::canonical_latin("zelensky"));
  EXPECT_EQ(detail::canonical_latin("dzhons"), "jons");
  EXPECT_EQ(detail::canonical_latin("assad"), detail::canonical_latin("asad"));
  EXPECT_EQ(detail::canonical_latin("chechnya"), "chechna");   // ch stays
  EXPECT_EQ(detail::canonical_latin("o'malley 2"), "omalei");  // letters only
  EXPECT_NE(detail::canonical_latin("moskva"), detail::canonical_latin("moscow"));
}

// ---- features and parts ---------------------------------------------------------------------

TEST(CrossLingualScore, TransliteratedNamesMatch) {
  REQUIRE_LEXICON();
  // Алиев ~ Aliyev (ye), Пашиняном ~ Pashinyan (case ending), Ильхам ~ Ilham (kh).
  const auto p = score(Lang::ru, "Ильхам Алиев встретился с Пашиняном в Брюсселе.", Lang::en,
                       "Ilham Aliyev met Pashinyan in Brussels.");
  EXPECT_FLOAT_EQ(p.names, 1.0f);
  // The same sentence with other people: the names part says so.
  const auto q = score(Lang::ru, "Ильхам Алиев встретился с Пашиняном в Брюсселе.", Lang::en,
                       "Vladimir Putin met Macron in Paris.");
  EXPECT_LT(q.names, 0.3f);
  EXPECT_LT(q.total, p.total - 0.3f);
}

TEST(CrossLingualScore, NamesOfRealTranslations) {
  REQUIRE_LEXICON();
  // newstest2015 ru-en line 293 and newstest2017 tr-en line 41.
  const auto ru =
      score(Lang::ru, "Свой пост сохранила только заместитель начальника фонда Атидже Алиева-Вели.", Lang::en,
            "Only Deputy Head of the Fund, Atidzhe Alieva-Veli, retained her position.");
  EXPECT_FLOAT_EQ(ru.names, 1.0f);
  const auto tr = score(Lang::tr,
                        "Ertesi gün, buradaki bir gazetede Sayın Erdoğan'ın hiç kötü bir şey olmamış gibi "
                        "davrandığı ifade edildi.",
                        Lang::en,
                        "The next day one newspaper here described Mr Erdogan as acting as if nothing bad "
                        "had ever happened.");
  EXPECT_GT(tr.names, 0.4f);  // Erdoğan'ın ~ Erdogan; "Sayın" (Mr) has no partner by spelling
  EXPECT_GT(tr.total, 0.3f);
}

TEST(CrossLingualScore, TurkeyThroughTheLexicon) {
  REQUIRE_LEXICON();
  // Türkiye and Turkey do not look alike; FreeDict pairs them.
  const auto with = score(Lang::tr, "Türkiye", Lang::en, "Turkey");
  const auto without = score(Lang::tr, "Türkiye", Lang::en, "Sweden");
  EXPECT_GT(with.coverage_src + with.names, without.coverage_src + without.names);
  EXPECT_GT(with.total, without.total);
}

TEST(CrossLingualScore, NumbersAndDates) {
  REQUIRE_LEXICON();
  const auto same = score(Lang::ru, "5 мая 2020 года погибли 2 783 военнослужащих.", Lang::en,
                          "On May 5, 2020, 2,783 servicemen were killed.");
  EXPECT_FLOAT_EQ(same.numbers, 1.0f);  // 5, May, 2020, 2783
  const auto changed = score(Lang::ru, "5 мая 2020 года погибли 2 783 военнослужащих.", Lang::en,
                             "On May 5, 2020, 2,873 servicemen were killed.");
  EXPECT_LT(changed.numbers, 0.8f);
  EXPECT_LT(changed.total, same.total);
  // "1,5 миллиона" and "1.5 million" are one number; Turkish suffixes after a number are no words.
  EXPECT_FLOAT_EQ(score(Lang::ru, "1,5 миллиона", Lang::en, "1.5 million").numbers, 1.0f);
  EXPECT_FLOAT_EQ(
      score(Lang::tr, "1950'den bu yana 12 Eylül'de", Lang::en, "since 1950 on 12 September").numbers, 1.0f);
  // Neither side has numbers: no evidence either way.
  EXPECT_FLOAT_EQ(score(Lang::ru, "Мир", Lang::en, "Peace").numbers, 1.0f);
}

TEST(CrossLingualScore, CoverageBothWaysAndParts) {
  REQUIRE_LEXICON();
  // президент/president, сказать/say, война/war, закончить/end: all in Mueller 7.
  const auto p = score(Lang::ru, "Президент сказал, что война закончилась.", Lang::en,
                       "The president said that the war had ended.");
  EXPECT_GT(p.coverage_src, 0.5f);
  EXPECT_GT(p.coverage_tgt, 0.5f);
  EXPECT_GT(p.total, 0.4f);
  for (const float v : {p.coverage_src, p.coverage_tgt, p.names, p.numbers, p.length, p.total}) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
  // Half of the target is not in the source: its coverage drops, the source's stays.
  const auto q =
      score(Lang::ru, "Президент сказал, что война закончилась.", Lang::en,
            "The president said that the war had ended, and thanked the soldiers and their families.");
  EXPECT_FLOAT_EQ(q.coverage_src, p.coverage_src);
  EXPECT_LT(q.coverage_tgt, p.coverage_tgt - 0.2f);
  EXPECT_LT(q.length, p.length);
}

TEST(CrossLingualScore, ConcatenationIsTheUnion) {
  REQUIRE_LEXICON();
  const CrossLingualFeaturizer f(*lexicon(), Lang::ru, Lang::en);
  const std::string text = "Война закончилась. Президент заявил об этом.";
  const auto cut = static_cast<std::uint32_t>(text.find(". ") + 1);
  const auto a = f.prepare(text, Span{0, cut});
  const auto b = f.prepare(text, Span{cut + 1, static_cast<std::uint32_t>(text.size())});
  const auto ab = concat(a, b);
  EXPECT_EQ(ab.units.size(), a.units.size() + b.units.size());
  EXPECT_EQ(ab.own.size(), a.own.size() + b.own.size());
  EXPECT_EQ(ab.chars, a.chars + b.chars + 1);
  EXPECT_TRUE(std::is_sorted(ab.expanded.begin(), ab.expanded.end()));
  EXPECT_TRUE(std::is_sorted(ab.latin.begin(), ab.latin.end(),
                             [](const auto& x, const auto& y) { return x.first < y.first; }));
  // The merged source covers an English rendering of both sentences better than either alone.
  const CrossLingualFeaturizer g(*lexicon(), Lang::en, Lang::ru);
  const std::string en = "The war is over. The president said so.";
  const auto t = g.prepare(en, Span{0, static_cast<std::uint32_t>(en.size())});
  const CrossLingualScorer s;
  EXPECT_GT(s.score(ab, t).total, s.score(a, t).total);
  EXPECT_GT(s.score(ab, t).total, s.score(b, t).total);
}

TEST(CrossLingualScore, IdfWeighsDownWordsOfEveryStatement) {
  REQUIRE_LEXICON();
  const CrossLingualFeaturizer f(*lexicon(), Lang::en, Lang::ru);
  const std::vector<std::string> texts = {"The war went on.", "The war ended in peace.", "The war was long.",
                                          "Nobody wanted the war."};
  std::vector<CrossLingualFeatures> fs;
  for (const auto& t : texts) fs.push_back(f.prepare(t, Span{0, static_cast<std::uint32_t>(t.size())}));
  const auto before = fs[1].units;
  apply_idf(fs);
  ASSERT_EQ(fs[1].units.size(), before.size());
  // Statement 1: "war" (in all four) loses weight against "peace" (in one), which keeps its own.
  float ratio_min = 2, ratio_max = 0;
  for (std::size_t u = 0; u < before.size(); ++u) {
    const float r = fs[1].units[u].weight / before[u].weight;
    ratio_min = std::min(ratio_min, r);
    ratio_max = std::max(ratio_max, r);
  }
  EXPECT_FLOAT_EQ(ratio_max, 1.0f);
  EXPECT_LT(ratio_min, 0.7f);
}

TEST(CrossLingualScore, SpansOutsideTheTextAreErrors) {
  REQUIRE_LEXICON();
  const CrossLingualFeaturizer f(*lexicon(), Lang::ru, Lang::en);
  CrossLingualFeatures out;
  EXPECT_THROW(f.prepare("abc", Span{0, 10}, out), Error);
  EXPECT_THROW(char_lengths("abc", std::vector<Span>{{2, 5}}), Error);
  EXPECT_EQ(char_lengths("Мир, peace", std::vector<Span>{{0, 6}, {8, 13}}),
            (std::vector<std::uint32_t>{3, 5}));
}

// A true translation pair outscores the other pairs of its document: over the first 30 WMT21
// documents, sentence i against its reference beats i against a random other reference of the
// same document in at least 95% of cases.
TEST(CrossLingualScore, TrueTranslationAboveRandomPairOfTheSameDocument) {
  REQUIRE_LEXICON();
  const fs::path xml = kCorpora / "wmt-ru-en" / "newstest2021.ru-en.all.xml";
  if (!fs::exists(xml)) GTEST_SKIP() << xml << " not found (shared corpora absent)";
  const auto set = eval::read_wmt_xml(xml, "wmt21", Lang::ru, Lang::en);
  ASSERT_GE(set.docs.size(), 100u);
  const CrossLingualFeaturizer fr(*lexicon(), Lang::ru, Lang::en), fe(*lexicon(), Lang::en, Lang::ru);
  const CrossLingualScorer scorer;
  std::mt19937 rng(5);
  std::size_t wins = 0, trials = 0;
  for (std::size_t d = 0; d < 30; ++d) {
    const auto& doc = set.docs[d];
    if (doc.src.size() < 2) continue;
    const auto s = eval::join(doc.src), t = eval::join(doc.tgt);
    for (std::size_t i = 0; i < doc.src.size(); ++i) {
      std::size_t j = rng() % (doc.src.size() - 1);
      if (j >= i) ++j;
      const auto a = fr.prepare(s.text, s.spans[i]);
      const float truth = scorer.score(a, fe.prepare(t.text, t.spans[i])).total;
      const float other = scorer.score(a, fe.prepare(t.text, t.spans[j])).total;
      wins += truth > other;
      ++trials;
    }
  }
  ASSERT_GT(trials, 300u);
  EXPECT_GE(double(wins) / double(trials), 0.95) << wins << " of " << trials;
}

// ---- alignment ------------------------------------------------------------------------------

// Every statement of both sides is covered once, in order.
void expect_covers(const std::vector<Bead>& beads, std::size_t n, std::size_t m) {
  std::uint32_t i = 0, j = 0;
  for (const Bead& b : beads) {
    ASSERT_EQ(b.a_begin, i);
    ASSERT_EQ(b.b_begin, j);
    i += b.a_count;
    j += b.b_count;
  }
  EXPECT_EQ(i, n);
  EXPECT_EQ(j, m);
}

// Target sentence `del` deleted and targets `merge`, `merge`+1 joined: the beads that must come
// back (indices over the original source and the perturbed target).
struct Perturbed {
  std::vector<std::string> tgt;
  std::vector<Bead> truth;
};
Perturbed perturb(const std::vector<std::string>& tgt, std::uint32_t del, std::uint32_t merge) {
  Perturbed p;
  for (std::uint32_t j = 0; j < tgt.size(); ++j) {
    const auto b = static_cast<std::uint32_t>(p.tgt.size());
    if (j == del) {
      p.truth.push_back({j, 1, b, 0, 0});
    } else if (j == merge) {
      p.tgt.push_back(tgt[j] + " " + tgt[j + 1]);
      p.truth.push_back({j, 2, b, 1, 0});
      ++j;
    } else {
      p.tgt.push_back(tgt[j]);
      p.truth.push_back({j, 1, b, 1, 0});
    }
  }
  return p;
}

std::string describe(const std::vector<Bead>& beads) {
  std::string s;
  for (const auto& b : beads)
    s += std::to_string(b.a_begin) + "+" + std::to_string(b.a_count) + "/" + std::to_string(b.b_begin) + "+" +
         std::to_string(b.b_count) + " ";
  return s;
}

void expect_recovers(const eval::ParallelDoc& doc, Lang src_lang, Lang tgt_lang, std::uint32_t del,
                     std::uint32_t merge) {
  const Perturbed p = perturb(doc.tgt, del, merge);
  const auto s = eval::join(doc.src), t = eval::join(p.tgt);
  const auto r = align_translation({s.text, src_lang, s.spans}, {t.text, tgt_lang, t.spans}, lexicon());
  EXPECT_EQ(r.method, AlignMethod::lexicon);
  expect_covers(r.beads, doc.src.size(), p.tgt.size());
  std::vector<Bead> got = r.beads;
  for (auto& b : got) b.score = 0;
  EXPECT_EQ(got, p.truth) << "got   " << describe(got) << "\nwant  " << describe(p.truth);
  for (const auto& b : r.beads) {
    if (b.is_pair()) {
      EXPECT_GT(b.score, 0.0);
      EXPECT_LE(b.score, 1.0);
    } else {
      EXPECT_EQ(b.score, 0.0);
    }
  }
  // The length-only baseline cannot see the deletion: it never proposes a 1-0 bead here.
  TranslationAlignOptions by_length;
  by_length.method = AlignMethod::length;
  const auto base =
      align_translation({s.text, src_lang, s.spans}, {t.text, tgt_lang, t.spans}, lexicon(), by_length);
  EXPECT_EQ(base.method, AlignMethod::length);
  expect_covers(base.beads, doc.src.size(), p.tgt.size());
  EXPECT_NE(base.beads, got);
}

TEST(AlignTranslation, RealRussianEnglishDocumentWithADeletionAndAMerge) {
  REQUIRE_LEXICON();
  const fs::path xml = kCorpora / "wmt-ru-en" / "newstest2021.ru-en.all.xml";
  if (!fs::exists(xml)) GTEST_SKIP() << xml << " not found (shared corpora absent)";
  const auto set = eval::read_wmt_xml(xml, "wmt21", Lang::ru, Lang::en);
  // rus.err.ee.56473: a news report of 29 sentences.
  const auto doc = std::find_if(set.docs.begin(), set.docs.end(),
                                [](const auto& d) { return d.id == "rus.err.ee.56473"; });
  ASSERT_NE(doc, set.docs.end());
  ASSERT_EQ(doc->src.size(), 29u);
  expect_recovers(*doc, Lang::ru, Lang::en, 7, 15);
}

TEST(AlignTranslation, RealTurkishEnglishDocumentWithADeletionAndAMerge) {
  REQUIRE_LEXICON();
  const fs::path tr = kCorpora / "newstest" / "tr-en" / "newstest2017.tr";
  if (!fs::exists(tr)) GTEST_SKIP() << tr << " not found (shared corpora absent)";
  const auto set = eval::read_line_aligned(tr, kCorpora / "newstest" / "tr-en" / "newstest2017.en", "tr-en",
                                           Lang::tr, Lang::en, {}, 30);
  // Lines 31-60 (the Erdoğan–Putin report).
  ASSERT_GE(set.docs.size(), 2u);
  expect_recovers(set.docs[1], Lang::tr, Lang::en, 10, 20);
}

TEST(AlignTranslation, FallsBackToLengthWithoutADictionary) {
  REQUIRE_LEXICON();
  const auto ru = eval::join({"Война закончилась.", "Президент заявил об этом."});
  const auto tr = eval::join({"Savaş bitti.", "Cumhurbaşkanı bunu söyledi."});
  const std::vector<Span>& rs = ru.spans;
  const std::vector<Span>& ts = tr.spans;
  const auto r = align_translation({ru.text, Lang::ru, rs}, {tr.text, Lang::tr, ts}, lexicon());
  EXPECT_EQ(r.method, AlignMethod::length);  // no ru-tr dictionary is packaged
  ASSERT_EQ(r.beads.size(), 2u);
  EXPECT_EQ(r.beads[0].kind(), BeadKind::one_one);
  EXPECT_EQ(r.beads[1].kind(), BeadKind::one_one);
  // No lexicon at all: length as well.
  EXPECT_EQ(align_translation({ru.text, Lang::ru, rs}, {tr.text, Lang::tr, ts}, nullptr).method,
            AlignMethod::length);
  EXPECT_THROW(align_translation({ru.text, Lang::unknown, rs}, {tr.text, Lang::tr, ts}, lexicon()),
               UsageError);
  const std::vector<Span> bad = {{0, 500}};
  EXPECT_THROW(align_translation({ru.text, Lang::ru, bad}, {tr.text, Lang::tr, ts}, lexicon()), UsageError);
  // Empty sides: everything is an addition.
  const auto empty = align_translation({ru.text, Lang::ru, {}}, {tr.text, Lang::tr, ts}, lexicon());
  ASSERT_EQ(empty.beads.size(), 2u);
  EXPECT_EQ(empty.beads[1].kind(), BeadKind::zero_one);
}

// Issue 5's evaluation (bench/align_eval.cpp) as a test: WMT21 ru→en and newstest2017 tr→en,
// 10% of the target sentences deleted and 5% of adjacent target pairs merged; bead F1 of the
// lexicon aligner at least 0.95 and well above the Gale–Church baseline.
TEST(AlignTranslation, IssueTargetsOnHumanTranslations) {
  REQUIRE_LEXICON();
  std::vector<eval::ParallelSet> sets;
  const fs::path xml = kCorpora / "wmt-ru-en" / "newstest2021.ru-en.all.xml";
  const fs::path tr = kCorpora / "newstest" / "tr-en";
  if (!fs::exists(xml) || !fs::exists(tr / "newstest2017.tr")) GTEST_SKIP() << "shared corpora absent";
  sets.push_back(eval::read_wmt_xml(xml, "wmt21 ru-en", Lang::ru, Lang::en));
  sets.push_back(eval::read_line_aligned(tr / "newstest2017.tr", tr / "newstest2017.en", "newstest2017 tr-en",
                                         Lang::tr, Lang::en, {}, 30));
  TranslationAlignOptions by_length;
  by_length.method = AlignMethod::length;
  for (const auto& set : sets) {
    eval::AlignScore lexical, length;
    for (const auto& d : eval::perturb(set)) {
      const auto s = eval::join(d.src), t = eval::join(d.tgt);
      const AlignSide a{s.text, set.src_lang, s.spans}, b{t.text, set.tgt_lang, t.spans};
      lexical += eval::compare(align_translation(a, b, lexicon()).beads, d.truth);
      length += eval::compare(align_translation(a, b, lexicon(), by_length).beads, d.truth);
    }
    std::cout << "[          ] " << set.name << ": bead F1 " << lexical.beads.f1() << " (length only "
              << length.beads.f1() << "), link F1 " << lexical.links.f1() << "\n";
    EXPECT_GE(lexical.beads.f1(), 0.95) << set.name;
    EXPECT_GE(lexical.beads.f1(), length.beads.f1() + 0.15) << set.name;
    EXPECT_GE(lexical.links.f1(), 0.97) << set.name;
  }
}

// ---- search ---------------------------------------------------------------------------------

TEST(CrossLingualIndex, FindsTheTranslationAndChecksItsInput) {
  REQUIRE_LEXICON();
  const std::vector<std::string> english = {
      "The president said that the war was over.",
      "Ilham Aliyev met Nikol Pashinyan in Brussels on May 14.",
      "Prices rose by 5 percent last year.",
      "The weather was cold and it rained all day.",
  };
  CrossLingualIndex index(*lexicon(), Lang::en, Lang::ru);
  for (const auto& e : english) index.add(e, Span{0, static_cast<std::uint32_t>(e.size())});
  const std::string q = "14 мая Ильхам Алиев встретился с Николом Пашиняном в Брюсселе.";
  EXPECT_THROW(index.search(q, Span{0, static_cast<std::uint32_t>(q.size())}, 3), Error);  // before finish()
  index.finish();
  EXPECT_THROW(index.add(q, Span{0, 4}), Error);
  EXPECT_EQ(index.size(), 4u);
  const auto hits = index.search(q, Span{0, static_cast<std::uint32_t>(q.size())}, 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].index, 1u);
  EXPECT_FLOAT_EQ(hits[0].parts.names, 1.0f);
  EXPECT_FLOAT_EQ(hits[0].parts.numbers, 1.0f);
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].parts.total, hits[i].parts.total);
  // A query prepared for another language pair is refused.
  const CrossLingualFeaturizer tr(*lexicon(), Lang::tr, Lang::en);
  EXPECT_THROW(index.search(tr.prepare("Savaş bitti.", Span{0, 13}), 3), UsageError);
  EXPECT_TRUE(index.search(q, Span{0, static_cast<std::uint32_t>(q.size())}, 0).empty());
}

TEST(CrossLingualIndex, FindTranslationsInACorpus) {
  REQUIRE_LEXICON();
  const std::string dir = std::string(QUOTEKIT_TESTDATA) + "/crosslingual/";
  std::vector<Document> docs;
  for (const auto& [name, lang] :
       {std::pair{"visit.en.txt", Lang::en}, std::pair{"visit.tr.txt", Lang::tr}}) {
    DecodeOptions d;
    d.lang = lang;
    docs.push_back(make_document(name, eval::read_file(dir + name), d, name));
  }
  // Russian query: only the English document has a dictionary with Russian.
  const auto hits = find_translations(docs, "Визит продлится два дня.", Lang::ru, *lexicon());
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].doc, 0u);
  EXPECT_EQ(hits[0].statement, 2u);
  EXPECT_EQ(slice(docs[0].text, hits[0].span), "The visit will last two days.");
  for (const auto& h : hits) EXPECT_EQ(h.doc, 0u);
  // English query: Turkish statements are searched (and the English document is not).
  const auto back = find_translations(docs, "The visit will last two days.", Lang::en, *lexicon());
  ASSERT_FALSE(back.empty());
  EXPECT_EQ(back[0].doc, 1u);
  EXPECT_EQ(slice(docs[1].text, back[0].span), "Ziyaret iki gün sürecek.");
  EXPECT_THROW(find_translations(docs, "x", Lang::other, *lexicon()), UsageError);
}

// Issue 5's search target: 200 Russian (WMT21) and 200 Turkish (newstest2017) sentences; the
// English reference is among the top 5 of all English sentences of the set in at least 90%.
TEST(CrossLingualIndex, IssueTargetTop5) {
  REQUIRE_LEXICON();
  const fs::path xml = kCorpora / "wmt-ru-en" / "newstest2021.ru-en.all.xml";
  const fs::path tr = kCorpora / "newstest" / "tr-en";
  if (!fs::exists(xml) || !fs::exists(tr / "newstest2017.tr")) GTEST_SKIP() << "shared corpora absent";
  for (const auto& set : {eval::read_wmt_xml(xml, "wmt21 ru-en", Lang::ru, Lang::en),
                          eval::read_line_aligned(tr / "newstest2017.tr", tr / "newstest2017.en",
                                                  "newstest2017 tr-en", Lang::tr, Lang::en, {}, 30)}) {
    std::vector<std::string> src, tgt;
    for (const auto& d : set.docs) {
      src.insert(src.end(), d.src.begin(), d.src.end());
      tgt.insert(tgt.end(), d.tgt.begin(), d.tgt.end());
    }
    const auto pool = eval::join(tgt);
    CrossLingualIndex index(*lexicon(), set.tgt_lang, set.src_lang);
    for (const Span s : pool.spans) index.add(pool.text, s);
    index.finish();
    std::vector<std::size_t> order(src.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(7);
    std::shuffle(order.begin(), order.end(), rng);
    order.resize(200);
    std::size_t top5 = 0;
    for (const std::size_t q : order) {
      const auto hits = index.search(src[q], Span{0, static_cast<std::uint32_t>(src[q].size())}, 5);
      top5 += std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return tgt[h.index] == tgt[q]; });
    }
    std::cout << "[          ] " << set.name << ": reference in the top 5 for " << top5 << " of 200\n";
    EXPECT_GE(top5, 180u) << set.name;
  }
}

}  // namespace
}  // namespace quotekit
