#include "quotekit/drift.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "quotekit/document.hpp"
#include "quotekit/segment.hpp"
#include "testing_text.hpp"

namespace quotekit {
namespace {

using testing::read_lines;
using testing::read_test_file;
using testing::tokens_of;

// One statement pair with its tokens.
struct Pair {
  std::string a, b;
  std::vector<Token> ta, tb;
  Pair(std::string x, std::string y, Lang lang = Lang::en) : a(std::move(x)), b(std::move(y)) {
    ta = tokens_of(a, lang);
    tb = tokens_of(b, lang);
  }
  std::vector<Edit> diff(const DiffOptions& o = {}) const { return diff_tokens(a, ta, b, tb, o); }
  PairDrift drift(const DiffOptions& o = {}) const { return quotekit::drift(a, ta, b, tb, o); }
};

std::vector<Edit> changes(const std::vector<Edit>& edits) {
  std::vector<Edit> out;
  for (const Edit& e : edits) {
    if (e.op != EditOp::equal) out.push_back(e);
  }
  return out;
}

// "op cls [a_text -> b_text]" for readable failures.
std::string show(const Edit& e) {
  return std::string(to_string(e.op)) + " " + std::string(to_string(e.cls)) + " [" + e.a_text + " -> " +
         e.b_text + "]";
}
std::string show(const std::vector<Edit>& edits) {
  std::string s;
  for (const Edit& e : edits) s += show(e) + "\n";
  return s;
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The invariants every diff keeps: spans round-trip to the texts, every token of A and of B is
// in exactly one edit, in order (a move's B side is checked separately), inserts and deletes
// have empty spans on their empty side, and equal edits really are equal.
void expect_well_formed(const Pair& p, const std::vector<Edit>& edits) {
  std::uint32_t next_a = 0, next_b = 0;
  std::vector<bool> b_seen(p.tb.size(), false);
  for (const Edit& e : edits) {
    ASSERT_EQ(e.a_text, std::string(slice(p.a, e.a_span))) << show(e);
    ASSERT_EQ(e.b_text, std::string(slice(p.b, e.b_span))) << show(e);
    ASSERT_EQ(e.a_begin, next_a) << show(e);
    next_a = e.a_end;
    if (e.a_end > e.a_begin) {
      EXPECT_EQ(e.a_span.start, p.ta[e.a_begin].span.start);
      EXPECT_EQ(e.a_span.end, p.ta[e.a_end - 1].span.end);
    } else {
      EXPECT_TRUE(e.a_span.empty()) << show(e);
    }
    if (e.b_end == e.b_begin) {
      EXPECT_TRUE(e.b_span.empty()) << show(e);
    }
    for (std::uint32_t j = e.b_begin; j < e.b_end; ++j) {
      ASSERT_FALSE(b_seen[j]) << "B token " << j << " twice";
      b_seen[j] = true;
    }
    if (e.op != EditOp::move) {
      EXPECT_GE(e.b_begin, next_b) << show(e);
      next_b = std::max(next_b, e.b_end);
    }
    switch (e.op) {
      case EditOp::equal:
        ASSERT_EQ(e.a_end - e.a_begin, e.b_end - e.b_begin);
        for (std::uint32_t k = 0; k < e.a_end - e.a_begin; ++k) {
          EXPECT_EQ(p.ta[e.a_begin + k].norm, p.tb[e.b_begin + k].norm);
        }
        EXPECT_EQ(e.cls, EditClass::none);
        break;
      case EditOp::insert:
        EXPECT_EQ(e.a_begin, e.a_end);
        break;
      case EditOp::remove:
        EXPECT_EQ(e.b_begin, e.b_end);
        break;
      case EditOp::replace:
      case EditOp::move:
        EXPECT_LT(e.a_begin, e.a_end);
        EXPECT_LT(e.b_begin, e.b_end);
        break;
    }
  }
  EXPECT_EQ(next_a, p.ta.size());
  for (std::size_t j = 0; j < b_seen.size(); ++j) EXPECT_TRUE(b_seen[j]) << "B token " << j << " missing";
}

// ---- basics ----

TEST(Diff, SameWordingHasNoChangesAndNoDrift) {
  const Pair p("Turkey is our brotherly country and our ally.",
               "TURKEY is our brotherly country and our ally.");
  const auto edits = p.diff();
  ASSERT_EQ(edits.size(), 1u);
  EXPECT_EQ(edits[0].op, EditOp::equal);
  EXPECT_EQ(edits[0].a_text, p.a);
  EXPECT_EQ(edits[0].b_text, p.b);
  EXPECT_EQ(p.drift().score, 0.0);
}

TEST(Diff, EmptySides) {
  const Pair grow("", "Fierce battles.");
  const auto e1 = grow.diff();
  ASSERT_EQ(e1.size(), 1u);
  EXPECT_EQ(e1[0].op, EditOp::insert);
  EXPECT_EQ(e1[0].a_span, (Span{0, 0}));
  EXPECT_EQ(e1[0].b_text, "Fierce battles.");
  const Pair shrink("Fierce battles.", "");
  const auto e2 = shrink.diff();
  ASSERT_EQ(e2.size(), 1u);
  EXPECT_EQ(e2[0].op, EditOp::remove);
  EXPECT_EQ(to_string(e2[0].op), "delete");
  EXPECT_EQ(shrink.drift().score, 1.0);
  EXPECT_TRUE(Pair("", "").diff().empty());
}

TEST(Diff, TokenOutsideItsTextIsAnInputError) {
  const std::string text = "Fierce battles.";
  std::vector<Token> tokens = tokens_of(text);
  tokens.back().span = Span{14, 40};
  try {
    diff_tokens(text, tokens, text, tokens_of(text));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.offset(), 14u);
    EXPECT_NE(std::string(e.what()).find("outside its text of 15 bytes"), std::string::npos) << e.what();
  }
}

TEST(Diff, TokensOutOfOrderAreAnInputError) {
  const std::string text = "Fierce battles go on.";
  std::vector<Token> tokens = tokens_of(text);
  std::swap(tokens[1], tokens[2]);
  EXPECT_THROW(diff_tokens(text, tokens, text, tokens_of(text)), InputError);
}

// Without a token unique to both sides patience diff has no anchor and Myers takes over; it
// finds a shortest edit script, so the equal run is a longest common subsequence (here 5).
TEST(Diff, RepeatedTokensFallBackToAShortestEditScript) {
  const Pair p("x y x y x y", "y x y x y x");
  const auto edits = p.diff();
  expect_well_formed(p, edits);
  std::uint32_t equal = 0;
  for (const Edit& e : edits) {
    if (e.op == EditOp::equal) equal += e.a_end - e.a_begin;
  }
  EXPECT_EQ(equal, 5u) << show(edits);
}

TEST(Diff, RandomTokenSequencesAreAlwaysWellFormed) {
  std::mt19937 rng(11);
  const std::vector<std::string> words = {"the", "war", "of", ",", "peace", "30", "Baku", "not", "the", "."};
  for (int round = 0; round < 300; ++round) {
    auto sentence = [&] {
      std::string s;
      const std::size_t n = rng() % 25;
      for (std::size_t k = 0; k < n; ++k) s += words[rng() % words.size()] + " ";
      return s;
    };
    const Pair p(sentence(), sentence());
    expect_well_formed(p, p.diff());
    if (::testing::Test::HasFatalFailure()) return;
    const double d = p.drift().score;
    EXPECT_GE(d, 0.0);
    EXPECT_LE(d, 1.0);
  }
}

// ---- the example: 002, lead against body ----

TEST(Drift, ShushaForumQuoteInTwoTranslationsIsThreeWordChangesNotARewrite) {
  const std::string dir = std::string(QUOTEKIT_TESTDATA) + "/drift/";
  const Pair p(trim_newline(read_test_file(dir + "002_lead.txt")),
               trim_newline(read_test_file(dir + "002_body.txt")));
  ASSERT_FALSE(p.a.empty());
  ASSERT_FALSE(p.b.empty());
  const PairDrift d = p.drift();
  expect_well_formed(p, d.edits);
  const auto c = changes(d.edits);
  ASSERT_EQ(c.size(), 6u) << show(c);
  // sensible → sane
  EXPECT_EQ(c[0].op, EditOp::replace);
  EXPECT_EQ(c[0].a_text, "sensible");
  EXPECT_EQ(c[0].b_text, "sane");
  EXPECT_EQ(c[0].cls, EditClass::synonym);
  // "that lives" → ", which lives"
  EXPECT_EQ(c[1].op, EditOp::replace);
  EXPECT_EQ(c[1].a_text, "that");
  EXPECT_EQ(c[1].b_text, ", which");
  EXPECT_EQ(c[1].cls, EditClass::synonym);
  // "environs will" → "environs, will": an inserted comma, right after "environs" in A
  EXPECT_EQ(c[2].op, EditOp::insert);
  EXPECT_EQ(c[2].b_text, ",");
  EXPECT_EQ(c[2].cls, EditClass::punctuation);
  EXPECT_EQ(c[2].a_span.start, p.a.find("environs") + 8);
  EXPECT_TRUE(c[2].a_span.empty());
  // still → nevertheless (the second "still"; the first, "We still have", is unchanged)
  EXPECT_EQ(c[3].op, EditOp::replace);
  EXPECT_EQ(c[3].a_text, "still");
  EXPECT_EQ(c[3].a_span.start, p.a.find("will still") + 5);
  EXPECT_EQ(c[3].b_text, "nevertheless");
  EXPECT_EQ(c[3].cls, EditClass::synonym);
  // "I think that only" → "I think that now only"
  EXPECT_EQ(c[4].op, EditOp::insert);
  EXPECT_EQ(c[4].b_text, "now");
  EXPECT_EQ(c[4].cls, EditClass::wording);
  // "them," → "them."
  EXPECT_EQ(c[5].op, EditOp::replace);
  EXPECT_EQ(c[5].a_text, ",");
  EXPECT_EQ(c[5].b_text, ".");
  EXPECT_EQ(c[5].cls, EditClass::punctuation);
  // A re-translation, not a change of meaning: little drift.
  EXPECT_GT(d.score, 0.0);
  EXPECT_LT(d.score, 0.1);
  for (const Edit& e : c) EXPECT_FALSE(is_meaning_bearing(e.cls)) << show(e);
}

// The pipeline end to end on the two renderings: decode, segment, tokenize, align the
// sentences, diff each pair, summarize. Spans stay offsets into each document's text.
TEST(Drift, ShushaForumQuoteThroughThePipeline) {
  const std::string dir = std::string(QUOTEKIT_TESTDATA) + "/drift/";
  DecodeOptions en;
  en.lang = Lang::en;
  const Document lead = make_document("002_lead", read_test_file(dir + "002_lead.txt"), en, "002_lead.txt");
  const Document body = make_document("002_body", read_test_file(dir + "002_body.txt"), en, "002_body.txt");
  SegmentOptions sentences_only;
  sentences_only.quotes = false;
  const auto sa = segment(lead, sentences_only);
  const auto sb = segment(body, sentences_only);
  ASSERT_EQ(sa.size(), 2u);
  ASSERT_EQ(sb.size(), 2u);
  // Tokens of every statement, and per statement the range of its tokens.
  auto tokenize_all = [](const Document& doc, const std::vector<Statement>& st, std::vector<Token>& tokens,
                         std::vector<std::size_t>& first) {
    for (const Statement& s : st) {
      first.push_back(tokens.size());
      testing::tokenizer_for(Lang::en).tokenize(doc.text, s.span, tokens);
    }
    first.push_back(tokens.size());
  };
  std::vector<Token> ta, tb;
  std::vector<std::size_t> fa, fb;
  tokenize_all(lead, sa, ta, fa);
  tokenize_all(body, sb, tb, fb);
  // Score: Jaccard overlap of content stems.
  auto stems = [](const std::vector<Token>& t, std::size_t from, std::size_t to) {
    std::vector<std::string> out;
    for (std::size_t k = from; k < to; ++k) {
      if (t[k].kind != TokenKind::punct && !t[k].stop) out.push_back(t[k].stem);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  auto score = [&](std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    const auto x = stems(ta, fa[a0], fa[a1]), y = stems(tb, fb[b0], fb[b1]);
    std::vector<std::string> common;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
    return static_cast<double>(common.size()) / static_cast<double>(x.size() + y.size() - common.size());
  };
  const auto beads = align_statements(2, 2, score);
  ASSERT_EQ(beads.size(), 2u);
  std::vector<PairDrift> drifts;
  for (const Bead& b : beads) {
    ASSERT_EQ(b.kind(), BeadKind::one_one);
    const std::span<const Token> xa(ta.data() + fa[b.a_begin], fa[b.a_begin + 1] - fa[b.a_begin]);
    const std::span<const Token> xb(tb.data() + fb[b.b_begin], fb[b.b_begin + 1] - fb[b.b_begin]);
    drifts.push_back(drift(lead.text, xa, body.text, xb));
    for (const Edit& e : drifts.back().edits) {
      EXPECT_EQ(e.a_text, std::string(slice(lead.text, e.a_span)));
      EXPECT_EQ(e.b_text, std::string(slice(body.text, e.b_span)));
      EXPECT_TRUE(sa[b.a_begin].span.contains(e.a_span) || e.a_span.empty()) << show(e);
    }
  }
  EXPECT_EQ(show(changes(drifts[0].edits)),
            "replace synonym [sensible -> sane]\n"
            "replace synonym [that -> , which]\n"
            "insert punctuation [ -> ,]\n"
            "replace synonym [still -> nevertheless]\n");
  // The second sentence: "that only" -> "that now only"; the lead's sentence ends at "them,"
  // (the quote goes on with "Ilham Aliyev said"), the body's at "them.".
  EXPECT_EQ(show(changes(drifts[1].edits)), "insert wording [ -> now]\nreplace punctuation [, -> .]\n");
  const DriftSummary sum = summarize_drift(beads, drifts);
  EXPECT_EQ(sum.pairs, 2u);
  EXPECT_EQ(sum.omitted + sum.added, 0u);
  EXPECT_EQ(sum.drifted, 0u);
  EXPECT_EQ(sum.count(EditClass::synonym), 3u);
  EXPECT_EQ(sum.count(EditClass::punctuation), 2u);
  EXPECT_EQ(sum.count(EditClass::wording), 1u);
}

// ---- one controlled edit per class, on interview sentences (001, 002) ----

TEST(Drift, ChangedNumber) {
  const Pair p(
      "As a result of this aggression, 11 Azerbaijani civilians, including two children, were killed.",
      "As a result of this aggression, 12 Azerbaijani civilians, including two children, were killed.");
  const PairDrift d = p.drift();
  expect_well_formed(p, d.edits);
  const auto c = changes(d.edits);
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(show(c[0]), "replace number [11 -> 12]");
  // 1 edit x weight 3 over 14 words
  EXPECT_NEAR(d.score, 3.0 / 14, 1e-9);
}

TEST(Drift, SameNumberInAnotherFormatIsNoChange) {
  // 001 writes the army's size both ways ("100 thousand fighters", "100,000 fighters"); the
  // tokenizer's norms are canonical, so the rendering does not count as a change.
  const Pair p("We don\u2019t need mercenaries we have 100 thousand fighters, well-prepared, well-trained.",
               "We don\u2019t need mercenaries we have 100,000 fighters, well-prepared, well-trained.");
  EXPECT_TRUE(changes(p.diff()).empty()) << show(p.diff());
  EXPECT_EQ(p.drift().score, 0.0);
  const Pair q("We have 2 thousand shells a day on the city.", "We have 2,000 shells a day on the city.");
  EXPECT_TRUE(changes(q.diff()).empty()) << show(q.diff());
  // A different value is a change.
  const Pair r("We have 2 thousand shells a day on the city.", "We have 3,000 shells a day on the city.");
  EXPECT_EQ(show(changes(r.diff())), "replace number [2 thousand -> 3,000]\n");
}

TEST(Drift, DroppedNegation) {
  const Pair p("Turkey does not participate in this conflict in any other capacity.",
               "Turkey does participate in this conflict in any other capacity.");
  const PairDrift d = p.drift();
  expect_well_formed(p, d.edits);
  const auto c = changes(d.edits);
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(show(c[0]), "delete negation [not -> ]");
  EXPECT_EQ(c[0].a_span, (Span{12, 15}));
  EXPECT_EQ(c[0].b_span, (Span{11, 11}));  // right after "does" in B
  EXPECT_NEAR(d.score, 4.0 / 11, 1e-9);
  // and the contracted form
  const Pair q("We do not have this information.", "We don't have this information.");
  const auto cq = changes(q.diff());
  ASSERT_EQ(cq.size(), 1u) << show(cq);
  EXPECT_EQ(cq[0].op, EditOp::replace);
  EXPECT_NE(cq[0].cls, EditClass::negation) << "not -> don't keeps the polarity: " << show(cq);
  const Pair r("We do have this information.", "We don't have this information.");
  EXPECT_EQ(show(changes(r.diff())), "replace negation [do -> don't]\n");
}

TEST(Drift, ModalChanged) {
  const Pair p("And this means that the territories under occupation must be returned to Azerbaijan.",
               "And this means that the territories under occupation may be returned to Azerbaijan.");
  const auto c = changes(p.diff());
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(show(c[0]), "replace modality [must -> may]");
  const Pair hedge("Armenia was preparing for war.", "Armenia was reportedly preparing for war.");
  EXPECT_EQ(show(changes(hedge.diff())), "insert modality [ -> reportedly]\n");
}

TEST(Drift, NameChanged) {
  const Pair p(
      "The President of Azerbaijan commented on the situation between official Baku and the Armenian "
      "population of "
      "Karabakh.",
      "The President of Azerbaijan commented on the situation between official Yerevan and the Armenian "
      "population "
      "of Karabakh.");
  const auto c = changes(p.diff());
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(show(c[0]), "replace name [Baku -> Yerevan]");
  // A capitalized word at a sentence start is not taken for a name...
  const Pair start("Fierce battles have been going on for three days now.",
                   "Heavy battles have been going on for three days now.");
  EXPECT_EQ(show(changes(start.diff())), "replace synonym [Fierce -> Heavy]\n");
  // ...unless it is capitalized inside a sentence somewhere in the pair.
  const Pair known("Turkey is our ally. We trust Turkey.", "Azerbaijan is our ally. We trust Turkey.");
  EXPECT_EQ(show(changes(known.diff())), "replace name [Turkey -> Azerbaijan]\n");
}

TEST(Drift, IntensifierAdded) {
  const Pair p("We did everything right.", "We did absolutely everything right.");
  const PairDrift d = p.drift();
  const auto c = changes(d.edits);
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(show(c[0]), "insert intensifier [ -> absolutely]");
  EXPECT_EQ(c[0].a_span, (Span{6, 6}));
  EXPECT_NEAR(d.score, 1.5 / 5, 1e-9);
}

TEST(Drift, ClauseDroppedAndAdded) {
  const Pair p(
      "The first meeting took place there, in the village of Khojaly, on the basis of the Russian "
      "peacekeeping "
      "contingent.",
      "The first meeting took place there, on the basis of the Russian peacekeeping contingent.");
  const PairDrift d = p.drift();
  expect_well_formed(p, d.edits);
  const auto c = changes(d.edits);
  ASSERT_EQ(c.size(), 1u) << show(c);
  EXPECT_EQ(c[0].op, EditOp::remove);
  EXPECT_EQ(c[0].cls, EditClass::omission);
  EXPECT_EQ(c[0].a_text, "in the village of Khojaly,");
  EXPECT_NEAR(d.score, 5.0 / 19, 1e-9);  // 5 words at weight 1 over 19 words
  const Pair back(p.b, p.a);
  EXPECT_EQ(show(changes(back.diff())), "insert addition [ -> in the village of Khojaly,]\n");
  // Two or three words between commas are a clause too; two words inside running text are not.
  const Pair commas(
      "Moreover, we have repeatedly stated in the past two years, and before that, we are committed to the "
      "negotiation format.",
      "Moreover, we have repeatedly stated in the past two years, we are committed to the negotiation "
      "format.");
  EXPECT_EQ(show(changes(commas.diff())), "delete omission [and before that, -> ]\n");
  const Pair running("Turkey spoke out unequivocally at the level of the head of state.",
                     "Turkey spoke at the level of the head of state.");
  EXPECT_EQ(show(changes(running.diff())), "delete wording [out unequivocally -> ]\n");
}

TEST(Drift, WordFormAndPunctuation) {
  const Pair p("Azerbaijani settlements and our combat positions were subjected to massive artillery fire.",
               "Azerbaijani settlements and our combat position were subjected to massive artillery fire.");
  EXPECT_EQ(show(changes(p.diff())), "replace word_form [positions -> position]\n");
  const Pair q("Otherwise, I think that only the naive can count on it.",
               "Otherwise I think that only the naive can count on it.");
  const PairDrift d = q.drift();
  EXPECT_EQ(show(changes(d.edits)), "delete punctuation [, -> ]\n");
  EXPECT_NEAR(d.score, 0.05 / 11, 1e-9);
  DiffOptions no_punct;
  no_punct.ignore_punct = true;
  EXPECT_TRUE(changes(q.diff(no_punct)).empty());
}

TEST(Drift, MovedPhraseIsOneMove) {
  const Pair p("On August 23, an Armenian subversion group was captured.",
               "An Armenian subversion group was captured on August 23.");
  const auto edits = p.diff();
  expect_well_formed(p, edits);
  const auto c = changes(edits);
  ASSERT_EQ(c.size(), 2u) << show(c);
  EXPECT_EQ(c[0].op, EditOp::move);
  EXPECT_EQ(c[0].cls, EditClass::move);
  EXPECT_EQ(c[0].a_text, "On August 23");
  EXPECT_EQ(c[0].b_text, "on August 23");
  EXPECT_EQ(c[0].b_span.start, p.b.find("on August"));
  EXPECT_EQ(show(c[1]), "delete punctuation [, -> ]");
  DiffOptions no_moves;
  no_moves.find_moves = false;
  const auto plain = changes(p.diff(no_moves));
  ASSERT_EQ(plain.size(), 2u) << show(plain);
  EXPECT_EQ(plain[0].op, EditOp::remove);
  EXPECT_EQ(plain[0].a_text, "On August 23,");
  EXPECT_EQ(plain[1].op, EditOp::insert);
  EXPECT_EQ(plain[1].b_text, "on August 23");
  // Stop words alone do not make a move: "of the" leaves here and comes back at the end.
  const Pair stop("of the war ended", "war ended of the");
  const auto cs = changes(stop.diff());
  ASSERT_EQ(cs.size(), 2u) << show(cs);
  EXPECT_EQ(show(cs[0]), "delete wording [of the -> ]");
  EXPECT_EQ(show(cs[1]), "insert wording [ -> of the]");
}

// ---- Russian and Turkish word lists, on real corpus lines ----

TEST(Drift, RussianAndTurkishMarkers) {
  // Russian: drop a "не" from a WMT news sentence.
  const std::string ru_path = std::string(QUOTEKIT_SHARED_CORPORA) + "/newstest/ru-en/newstest2020.ru";
  const std::string tr_path = std::string(QUOTEKIT_SHARED_CORPORA) + "/newstest/tr-en/newstest2016.tr";
  const auto ru = read_lines(ru_path);
  const auto tr = read_lines(tr_path);
  if (ru.empty() || tr.empty()) GTEST_SKIP() << "shared corpora not found: " << ru_path << ", " << tr_path;
  const std::string ne = " не ";
  std::string with;
  for (const auto& line : ru) {
    if (line.find(ne) != std::string::npos) {
      with = line;
      break;
    }
  }
  ASSERT_FALSE(with.empty());
  std::string without = with;
  without.erase(without.find(ne), ne.size() - 1);
  DiffOptions ru_opts;
  ru_opts.lang = Lang::ru;
  const Pair p(with, without, Lang::ru);
  EXPECT_EQ(show(changes(p.diff(ru_opts))), "delete negation [не -> ]\n");
  // Turkish: a hedge in front of the first sentence, an intensifier after its first word.
  const Pair q(tr[0], "belki " + tr[0], Lang::tr);
  DiffOptions tr_opts;
  tr_opts.lang = Lang::tr;
  EXPECT_EQ(show(changes(q.diff(tr_opts))), "insert modality [ -> belki]\n");
  // The English list does not know Turkish words.
  DiffOptions en_opts;
  en_opts.lang = Lang::en;
  EXPECT_EQ(show(changes(q.diff(en_opts))), "insert wording [ -> belki]\n");
}

// ---- a real re-translation: two human English translations of WMT20 ru-en ----

TEST(Drift, NewstestSecondTranslation) {
  const std::string dir = std::string(QUOTEKIT_SHARED_CORPORA) + "/newstest/ru-en/";
  const auto a = read_lines(dir + "newstest2020.en");
  const auto b = read_lines(dir + "newstestB2020.en");
  if (a.empty() || b.empty()) GTEST_SKIP() << "shared corpora not found at " << dir;
  ASSERT_EQ(a.size(), b.size());
  // Line 5: "... was returning from an operation combating militant groups." against
  //         "... was returning after an operation against armed formations."
  const Pair p(a[4], b[4]);
  ASSERT_NE(p.a.find("combating militant groups"), std::string::npos) << p.a;
  const auto c = changes(p.diff());
  EXPECT_EQ(show(c),
            "replace synonym [from -> after]\n"
            "replace wording [combating militant groups -> against armed formations]\n");

  // Over the whole set: every diff is well formed, and translations of the same sentence drift
  // far less than unrelated sentences (line k against line k + 37, mostly another document).
  double same = 0.0, other = 0.0;
  std::size_t zero = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const Pair pair(a[k], b[k]);
    const PairDrift d = pair.drift();
    expect_well_formed(pair, d.edits);
    if (::testing::Test::HasFatalFailure()) return;
    ASSERT_GE(d.score, 0.0);
    ASSERT_LE(d.score, 1.0);
    same += d.score;
    zero += d.score == 0.0;
    other += Pair(a[k], b[(k + 37) % b.size()]).drift().score;
  }
  same /= static_cast<double>(a.size());
  other /= static_cast<double>(a.size());
  EXPECT_LT(same, 0.6 * other) << "same " << same << " other " << other;
  EXPECT_GT(other, 0.6) << "unrelated sentences should look like rewrites";
  EXPECT_LT(zero, a.size() / 10) << "two human translations rarely agree word for word";
}

// ---- document summary ----

TEST(DriftSummary, CountsClassesOmissionsAndAdditions) {
  const Pair num("As a result, 11 civilians were killed.", "As a result, 12 civilians were killed.");
  const Pair same("Turkey is our ally.", "Turkey is our ally.");
  const Pair neg("We do not have this information.", "We do have this information.");
  const std::vector<PairDrift> pairs = {num.drift(), same.drift(), neg.drift()};
  const std::vector<Bead> beads = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 0, 0}, {2, 1, 1, 1, 1.0},
                                   {3, 0, 2, 1, 0},   {3, 0, 3, 1, 0}, {3, 2, 4, 1, 0.8}};
  const DriftSummary s = summarize_drift(beads, pairs);
  EXPECT_EQ(s.pairs, 3u);
  EXPECT_EQ(s.omitted, 1u);
  EXPECT_EQ(s.added, 2u);
  EXPECT_EQ(s.drifted, 2u);
  EXPECT_EQ(s.count(EditClass::number), 1u);
  EXPECT_EQ(s.count(EditClass::negation), 1u);
  EXPECT_EQ(s.count(EditClass::synonym), 0u);
  EXPECT_NEAR(s.mean_drift, (pairs[0].score + 0.0 + pairs[2].score) / 3, 1e-12);
  EXPECT_EQ(s.max_drift, std::max(pairs[0].score, pairs[2].score));
  EXPECT_THROW(summarize_drift(beads, std::vector<PairDrift>(2)), UsageError);
}

}  // namespace
}  // namespace quotekit
