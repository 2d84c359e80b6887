#include "quotekit/score.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "toy_tokens.hpp"

namespace quotekit {
namespace {

// Hand-built tokens (the real Tokenizer lives elsewhere): ASCII letters/digits make words and
// numbers, any other character (a whole UTF-8 sequence) is punctuation; lower-cased norms; a
// short English stop list; stem = norm minus a final "s". Spans index into `text`.
std::vector<Token> toy_tokens(std::string_view text) {
  static const std::set<std::string, std::less<>> kStop = {
      "the",  "a",    "an",   "of",   "to", "and", "in",    "is",  "we",    "our",
      "have", "been", "not",  "all",  "no", "for", "these", "it",  "their", "so",
      "now",  "i",    "must", "with", "on", "was", "by",    "that"};
  return toy_testing::toy_tokens(text, kStop);
}

// Statements from the interviews corpus (001), as published.
const std::vector<std::string> kCorpus = {
    "No country in the world recognizes the so-called “Nagorno-Karabakh Republic”.",
    "No one recognized Nagorno-Karabakh so far, including Armenia itself.",
    "For 30 years now, Armenians have been exploiting our ancient land, not allowing our people to return to "
    "these lands.",
    "And all Azerbaijanis must return to their ancient lands.",
    "Are these principles still on the agenda or do they need to be updated?",
    "From this point of view, does the opposing side receive any support from PKK and PYD?",
    "Because the person who is in charge in Armenia is not a president, but prime minister, and with whom I "
    "had "
    "negotiations.",
    "When he was a deputy, he always spoke out against Russia, took an anti-Russian position.",
    "During our Moscow meetings, we did not particularly insist on this because it is very difficult to "
    "agree on "
    "this within one day.",
    "But along with this, we can’t deviate from our principled position.",
    "We, by the way, export electric energy also, and we want to see Japanese companies in the area of "
    "renewable "
    "energy, which is now one of the priorities.",
    "In some Georgian villages Azerbaijanis and Armenians live side by side.",
    "I can give you two examples, Armenian prime minister last year announced that “Karabakh is Armenia”.",
    "But we can be fair and I have always been honest with our people.",
    "I am glad that I have managed these tasks with dignity, and we are returning to our lands thanks to the "
    "support, hard work and courage of the Azerbaijani people.",
};

struct Fixture {
  IdfTable table;
  std::vector<std::vector<Token>> tokens;
  Fixture() {
    for (const auto& s : kCorpus) {
      tokens.push_back(toy_tokens(s));
      table.add(tokens.back());
    }
  }
};

TEST(IdfTable, CountsEachTermOncePerStatement) {
  IdfTable t;
  t.add(toy_tokens("Land, land and more land."));
  t.add(toy_tokens("The lands of 1990."));
  t.add(toy_tokens("Nothing here."));
  t.add(toy_tokens("the the the"));  // no content terms: still a statement
  EXPECT_EQ(t.statements(), 4u);
  const auto land = t.find("land");
  ASSERT_NE(land, kUnknownTerm);
  EXPECT_EQ(t.df(land), 2u);  // "land" and "lands" stem alike; the repeats count once
  EXPECT_EQ(t.df(t.find("1990")), 1u);
  EXPECT_EQ(t.find("the"), kUnknownTerm);  // stop words are not terms
  EXPECT_EQ(t.find("karabakh"), kUnknownTerm);
  // idf = ln((N+1)/(df+1)) + 1
  EXPECT_NEAR(t.idf(land), std::log(5.0 / 3.0) + 1, 1e-12);
  EXPECT_NEAR(t.idf(t.find("1990")), std::log(5.0 / 2.0) + 1, 1e-12);
  EXPECT_NEAR(t.idf(kUnknownTerm), std::log(5.0) + 1, 1e-12);
  EXPECT_EQ(t.terms(), 5u);  // land, more, 1990, nothing, here
}

TEST(Names, CapitalizedWordsNotOpeningASentence) {
  auto names = [](std::string_view text) {
    const auto toks = toy_tokens(text);
    std::vector<std::string> out;
    for (const std::size_t i : name_tokens(text, toks)) out.push_back(std::string(slice(text, toks[i].span)));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(kCorpus[2]), (V{"Armenians"}));  // "For" opens the statement
  EXPECT_EQ(names(kCorpus[3]), (V{"Azerbaijanis"}));
  // The quote opens: "Nagorno" is not counted, "Karabakh" after the hyphen and "Republic" are.
  EXPECT_EQ(names(kCorpus[0]), (V{"Karabakh", "Republic"}));
  EXPECT_EQ(names("Yes. Baku said so: Moscow agreed. I think OK."), (V{"OK"}));  // "I": too short
  EXPECT_EQ(names("They met — Ilham Aliyev and Nikol Pashinyan — in Brussels."),
            (V{"Aliyev", "Nikol", "Pashinyan", "Brussels"}));
}

TEST(Names, CaseComesFromTheOriginalTextInAnyScript) {
  // Hand-built tokens over Russian and Turkish text; norms are folded, the case is only in the text.
  const std::string text = "Встреча прошла в Баку, где выступил Алиев. İlham Əliyev və İstanbul ёлка";
  auto tok = [&](std::string_view word, TokenKind kind, std::string norm, bool stop = false) {
    Token t;
    // Whole words only: the first occurrence bounded by spaces, punctuation or the ends.
    std::size_t at = text.find(word);
    auto bound = [&](std::size_t i) {
      return i >= text.size() || text[i] == ' ' || text[i] == ',' || text[i] == '.';
    };
    while (kind == TokenKind::word && at != std::string::npos &&
           !((at == 0 || bound(at - 1)) && bound(at + word.size()))) {
      at = text.find(word, at + 1);
    }
    EXPECT_NE(at, std::string::npos) << word;
    t.span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + word.size())};
    t.kind = kind;
    t.norm = norm;
    t.stem = std::move(norm);
    t.stop = stop;
    return t;
  };
  const std::vector<Token> toks = {tok("Встреча", TokenKind::word, "встреча"),
                                   tok("прошла", TokenKind::word, "прошла"),
                                   tok("в", TokenKind::word, "в", true),
                                   tok("Баку", TokenKind::word, "баку"),
                                   tok(",", TokenKind::punct, ","),
                                   tok("где", TokenKind::word, "где", true),
                                   tok("выступил", TokenKind::word, "выступил"),
                                   tok("Алиев", TokenKind::word, "алиев"),
                                   tok(".", TokenKind::punct, "."),
                                   tok("İlham", TokenKind::word, "ilham"),
                                   tok("Əliyev", TokenKind::word, "əliyev"),
                                   tok("və", TokenKind::word, "və", true),
                                   tok("İstanbul", TokenKind::word, "istanbul"),
                                   tok("ёлка", TokenKind::word, "елка")};
  std::vector<std::string> got;
  for (const std::size_t i : name_tokens(text, toks)) got.push_back(toks[i].norm);
  // Встреча and İlham open sentences; ёлка is lower case.
  EXPECT_EQ(got, (std::vector<std::string>{"баку", "алиев", "əliyev", "istanbul"}));
}

TEST(Scorer, IdenticalStatementsScoreOne) {
  Fixture f;
  const Scorer scorer(f.table);
  for (std::size_t i = 0; i < kCorpus.size(); ++i) {
    const auto a = scorer.prepare(kCorpus[i], f.tokens[i]);
    const ScoreParts p = scorer.score(a, a);
    EXPECT_FLOAT_EQ(p.total, 1.0f) << kCorpus[i];
    EXPECT_FLOAT_EQ(p.overlap, 1.0f);
    EXPECT_FLOAT_EQ(p.alignment, 1.0f);
  }
}

TEST(Scorer, IssueParaphrasesScoreAboveUnrelatedPairs) {
  Fixture f;
  const Scorer scorer(f.table);
  std::vector<StatementFeatures> feats;
  for (std::size_t i = 0; i < kCorpus.size(); ++i) feats.push_back(scorer.prepare(kCorpus[i], f.tokens[i]));
  const float p01 = scorer.score(feats[0], feats[1]).total;
  const float p23 = scorer.score(feats[2], feats[3]).total;
  EXPECT_GT(p01, 0.15f);  // the toy stemmer misses recognizes~recognized; Snowball does not
  EXPECT_GT(p23, 0.2f);
  std::printf("paraphrase scores: %.3f %.3f\n", p01, p23);
  // Statement 11 shares "Azerbaijanis ... Armenians" with 2 and 3 but is about something else;
  // 12 shares "Armenia"/"Karabakh" with 0 and 1. They still rank below the true paraphrases.
  for (std::size_t j = 4; j < kCorpus.size(); ++j) {
    for (std::size_t i : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
      const float other = scorer.score(feats[i], feats[j]).total;
      const float sibling = i < 2 ? p01 : p23;
      EXPECT_LT(other, sibling) << kCorpus[i] << " vs " << kCorpus[j];
    }
  }
  // Symmetric.
  EXPECT_FLOAT_EQ(scorer.score(feats[3], feats[2]).total, p23);
}

TEST(Scorer, AChangedNumberIsNotTheSameClaim) {
  Fixture f;
  const Scorer scorer(f.table);
  const std::string orig = kCorpus[2];
  const std::string changed =
      "For 25 years now, Armenians have been exploiting our ancient land, not allowing our people to return "
      "to "
      "these lands.";
  const std::string omitted =
      "For years now, Armenians have been exploiting our ancient land, not allowing our people to return to "
      "these lands.";
  const auto a = scorer.prepare(orig, toy_tokens(orig));
  const auto b = scorer.prepare(changed, toy_tokens(changed));
  const auto c = scorer.prepare(omitted, toy_tokens(omitted));
  const ScoreParts same = scorer.score(a, a);
  const ScoreParts diff = scorer.score(a, b);
  const ScoreParts gone = scorer.score(a, c);
  EXPECT_FLOAT_EQ(same.numbers, 1.0f);
  EXPECT_FLOAT_EQ(diff.numbers, 0.45f);
  EXPECT_FLOAT_EQ(gone.numbers, 0.9f);
  EXPECT_LT(diff.total, 0.5f);  // a strong penalty, although all the words agree but one
  EXPECT_GT(diff.overlap, 0.8f);
  EXPECT_LT(diff.total, gone.total);  // changing a number is worse than dropping it
  EXPECT_LT(gone.total, same.total);
}

TEST(Scorer, NamesDisagreementIsAMildPenalty) {
  Fixture f;
  const std::string a_text = "Yesterday the envoy met Pashinyan in Brussels to discuss the border.";
  const std::string b_text = "Yesterday the envoy met Aliyev in Brussels to discuss the border.";
  f.table.add(toy_tokens(a_text));
  f.table.add(toy_tokens(b_text));
  const Scorer scorer(f.table);
  const auto a = scorer.prepare(a_text, toy_tokens(a_text));
  const auto b = scorer.prepare(b_text, toy_tokens(b_text));
  const ScoreParts p = scorer.score(a, b);
  EXPECT_LT(p.names, 1.0f);
  EXPECT_GT(p.names, 0.85f);  // Brussels is shared: softened
  EXPECT_LT(p.total, scorer.score(a, a).total);
}

TEST(Scorer, ShortRenderingFindsItsLongSibling) {
  Fixture f;
  const Scorer scorer(f.table);
  const std::string quote = "Armenians have been exploiting our ancient land.";
  const auto q = scorer.prepare(quote, toy_tokens(quote));
  std::vector<float> scores;
  for (std::size_t i = 0; i < kCorpus.size(); ++i) {
    scores.push_back(scorer.score(q, scorer.prepare(kCorpus[i], f.tokens[i])).total);
  }
  const auto best = std::max_element(scores.begin(), scores.end()) - scores.begin();
  EXPECT_EQ(best, 2);
  EXPECT_GT(scores[2], 0.6f);
}

TEST(Scorer, AShortStatementIsNotASiblingOfEverySentenceContainingIt) {
  Fixture f;
  const std::string name = "Ilham Aliyev.";
  const std::string intro = "So joining us from Baku, President Ilham Aliyev.";
  f.table.add(toy_tokens(name));
  f.table.add(toy_tokens(intro));
  const Scorer scorer(f.table);
  const auto a = scorer.prepare(name, toy_tokens(name));
  const auto b = scorer.prepare(intro, toy_tokens(intro));
  const ScoreParts p = scorer.score(a, b);
  EXPECT_LT(p.total, 0.5f);  // fully contained, but two words prove little
  ScoreOptions trusting;
  trusting.containment_min_terms = 1;
  EXPECT_GT(Scorer(f.table, trusting).score(a, b).total, p.total);
}

// Pairs like "Why it didn't work now?" ~ "We didn't know about that." (the interviews, one
// shared word) scored above neardup's threshold. With a minimum of two shared terms they score
// 0, while a statement all of whose terms are shared keeps its score.
TEST(Scorer, MinimumSharedTermsRejectsOneWordInCommon) {
  Fixture f;
  const std::string a_text = "Why was the plan delayed?";
  const std::string b_text = "The plan works.";
  const std::string c_text = "Karabakh.";
  const std::string d_text = "Karabakh is Azerbaijan.";
  for (const auto* t : {&a_text, &b_text, &c_text, &d_text}) f.table.add(toy_tokens(*t));
  const Scorer plain(f.table);
  ScoreOptions strict_options;
  strict_options.min_shared_terms = 2;
  const Scorer strict(f.table, strict_options);
  const auto a = plain.prepare(a_text, toy_tokens(a_text));
  const auto b = plain.prepare(b_text, toy_tokens(b_text));
  const auto c = plain.prepare(c_text, toy_tokens(c_text));
  const auto d = plain.prepare(d_text, toy_tokens(d_text));
  EXPECT_GT(plain.score(a, b).total, 0.0f);
  EXPECT_EQ(strict.score(a, b).total, 0.0f);
  EXPECT_EQ(strict.score(a, b, 0.55f).total, 0.0f);
  EXPECT_FLOAT_EQ(strict.score(c, d).total, plain.score(c, d).total);  // every term of c is shared
  EXPECT_GT(strict.score(c, d).total, 0.0f);
  EXPECT_FLOAT_EQ(strict.score(d, d).total, 1.0f);
}

TEST(Scorer, WordOrderCountsInTheAlignment) {
  IdfTable t;
  const std::string a_text = "Armenia attacked Azerbaijan at dawn.";
  const std::string b_text = "Azerbaijan attacked Armenia at dawn.";
  t.add(toy_tokens(a_text));
  t.add(toy_tokens(b_text));
  const Scorer scorer(t);
  const auto a = scorer.prepare(a_text, toy_tokens(a_text));
  const auto b = scorer.prepare(b_text, toy_tokens(b_text));
  const ScoreParts p = scorer.score(a, b);
  EXPECT_FLOAT_EQ(p.overlap, 1.0f);  // the same words...
  EXPECT_LT(p.alignment, 0.9f);      // ...in another order
  EXPECT_LT(p.total, 1.0f);
}

TEST(Scorer, EarlyExitAgreesWithTheFullScore) {
  Fixture f;
  const Scorer scorer(f.table);
  std::vector<StatementFeatures> feats;
  for (std::size_t i = 0; i < kCorpus.size(); ++i) feats.push_back(scorer.prepare(kCorpus[i], f.tokens[i]));
  for (std::size_t i = 0; i < feats.size(); ++i) {
    for (std::size_t j = 0; j < feats.size(); ++j) {
      const ScoreParts full = scorer.score(feats[i], feats[j]);
      const ScoreParts fast = scorer.score(feats[i], feats[j], 0.3f);
      if (full.total >= 0.3f) {
        EXPECT_FLOAT_EQ(fast.total, full.total);
      } else {
        EXPECT_TRUE(fast.total == 0.0f || fast.total == full.total);
      }
    }
  }
}

TEST(Scorer, UnseenTermsWeighTheMost) {
  Fixture f;
  const Scorer scorer(f.table);
  const std::string q = "Zangezur corridor must open.";
  const auto feats = scorer.prepare(q, toy_tokens(q));
  EXPECT_EQ(feats.terms.size(), 0u);  // none of zangezur, corridor, open known (must: stop word)
  EXPECT_EQ(feats.sequence.size(), 3u);
  EXPECT_FLOAT_EQ(feats.weight, 3 * scorer.weight(kUnknownTerm));
  const auto other = scorer.prepare(kCorpus[3], f.tokens[3]);
  EXPECT_EQ(scorer.score(feats, other).total, 0.0f);
  EXPECT_EQ(scorer.score(feats, feats).overlap, 0.0f);  // unseen terms have no id to match on
}

// Search with each rendering as the query over real statements (testdata/fingerprint/siblings.tsv:
// four talking points in two to three renderings each, among 57 statements sharing their
// words). Tokens: `tokenize` (here the toy tokenizer).
struct SiblingRanks {
  std::vector<int> group;
  std::vector<int> best_sibling_rank;        // 1 = a sibling is the top hit
  std::vector<bool> siblings_before_others;  // every sibling outranks every other statement
};

SiblingRanks rank_siblings(const std::function<std::vector<Token>(std::string_view)>& tokenize) {
  std::ifstream in(std::string(QUOTEKIT_TESTDATA) + "/fingerprint/siblings.tsv");
  EXPECT_TRUE(in) << "missing testdata/fingerprint/siblings.tsv";
  std::vector<int> group;
  std::vector<std::string> text;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    group.push_back(std::stoi(line.substr(0, tab)));
    text.push_back(line.substr(tab + 1));
  }
  IdfTable table;
  std::vector<std::vector<Token>> toks;
  for (const auto& t : text) {
    toks.push_back(tokenize(t));
    table.add(toks.back());
  }
  const Scorer scorer(table);
  std::vector<StatementFeatures> feats;
  for (std::size_t i = 0; i < text.size(); ++i) feats.push_back(scorer.prepare(text[i], toks[i]));
  SiblingRanks r;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (group[i] == 0) continue;
    float best_sib = -1, worst_sib = 2;
    std::vector<float> others;
    for (std::size_t j = 0; j < text.size(); ++j) {
      if (j == i) continue;
      const float s = scorer.score(feats[i], feats[j]).total;
      if (group[j] == group[i]) {
        best_sib = std::max(best_sib, s);
        worst_sib = std::min(worst_sib, s);
      } else {
        others.push_back(s);
      }
    }
    int rank = 1;
    for (const float o : others) rank += o >= best_sib;
    r.group.push_back(group[i]);
    r.best_sibling_rank.push_back(rank);
    r.siblings_before_others.push_back(worst_sib > *std::max_element(others.begin(), others.end()));
  }
  return r;
}

TEST(Scorer, SearchRanksRetranslationsFirstOnRealStatements) {
  const SiblingRanks r = rank_siblings(toy_tokens);
  ASSERT_EQ(r.group.size(), 9u);
  for (std::size_t k = 0; k < r.group.size(); ++k) {
    if (r.group[k] >= 3) {
      // Two English renderings of one Russian answer (002): each other's top hit, by far.
      EXPECT_TRUE(r.siblings_before_others[k]) << "group " << r.group[k];
    } else {
      // The issue's looser paraphrases compete with statements naming the same places
      // ("No other so-called “Nagorno-Karabakh leader” did that."): a sibling is near the top.
      EXPECT_LE(r.best_sibling_rank[k], 5) << "group " << r.group[k];
    }
  }
}

// ---- with the project's Tokenizer -----------------------------------------------------------

std::vector<Token> real_tokens(std::string_view text) {
  static const Tokenizer tokenizer(Lang::en);  // tests run on one thread
  return tokenizer.tokenize(text);
}

TEST(ScorerWithTokenizer, IssueParaphrasesScoreAboveUnrelatedPairs) {
  IdfTable table;
  std::vector<std::vector<Token>> toks;
  for (const auto& s : kCorpus) {
    toks.push_back(real_tokens(s));
    table.add(toks.back());
  }
  const Scorer scorer(table);
  std::vector<StatementFeatures> feats;
  for (std::size_t i = 0; i < kCorpus.size(); ++i) feats.push_back(scorer.prepare(kCorpus[i], toks[i]));
  const float p01 = scorer.score(feats[0], feats[1]).total;
  const float p23 = scorer.score(feats[2], feats[3]).total;
  EXPECT_GT(p01, 0.25f);  // Snowball: recognizes ~ recognized
  EXPECT_GT(p23, 0.25f);
  for (std::size_t j = 4; j < kCorpus.size(); ++j) {
    for (std::size_t i = 0; i < 4; ++i) {
      // The last corpus statement ("... we are returning to our lands ... of the Azerbaijani
      // people.") is not unrelated to "And all Azerbaijanis must return to their ancient lands.":
      // with real stems they share azerbaijani, return, land, and it outscores the issue's pair.
      if (j == kCorpus.size() - 1 && i == 3) continue;
      EXPECT_LT(scorer.score(feats[i], feats[j]).total, i < 2 ? p01 : p23)
          << kCorpus[i] << " vs " << kCorpus[j];
    }
  }
}

// The term hashes extract_terms() marks as compound tails, by their stems.
std::vector<std::uint64_t> tail_hashes(std::initializer_list<std::string_view> stems) {
  std::vector<std::uint64_t> out;
  for (const std::string_view s : stems) out.push_back(term_hash(s));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint64_t> joined_of(std::string_view text) {
  StatementTerms t;
  extract_terms(text, real_tokens(text), t);
  return t.joined;
}

TEST(ScorerWithTokenizer, HyphenatedCompoundsMarkTheirTails) {
  EXPECT_EQ(joined_of("No one recognized Nagorno-Karabakh so far."), tail_hashes({"karabakh"}));
  // A tail that also stands on its own is an ordinary term.
  EXPECT_TRUE(joined_of("Karabakh is Azerbaijan, and Nagorno-Karabakh too.").empty());
  // A stop word inside the chain does not end it; one at its head does not start it.
  EXPECT_EQ(joined_of("We thank you as the Commander-in-Chief."), tail_hashes({"chief"}));
  EXPECT_TRUE(joined_of("It was a well-prepared, all-out offensive.").empty());
  EXPECT_EQ(joined_of("He took an anti-Russian position."), tail_hashes({"russian"}));
  EXPECT_EQ(joined_of("Sarsang-Mardakert-Aghdara road."), tail_hashes({"mardakert", "aghdara"}));
  // U+2011 NON-BREAKING HYPHEN joins like '-'; dashes and spaced hyphens separate.
  EXPECT_EQ(joined_of("No one recognized Nagorno\u2011Karabakh so far."), tail_hashes({"karabakh"}));
  EXPECT_TRUE(joined_of("Armenia \u2013 Azerbaijan talks.").empty());
  EXPECT_TRUE(joined_of("Armenia\u2014Azerbaijan talks.").empty());
  EXPECT_TRUE(joined_of("Armenia - Azerbaijan talks.").empty());
  // A number after a word is part of its name; two numbers stay two ("2019-2020").
  EXPECT_EQ(joined_of("You haven't bought F-16 jets."), tail_hashes({"16"}));
  EXPECT_EQ(joined_of("The S-300 and SU-25 were there."), tail_hashes({"300", "25"}));
  EXPECT_TRUE(joined_of("In 2019-2020 nothing changed.").empty());
  // Russian: "Нагорно-Карабахская" is two stems, one word.
  StatementTerms ru;
  const Tokenizer ru_tok(Lang::ru);
  const std::string ru_text = "Никто не признаёт Нагорно-Карабахскую республику.";
  extract_terms(ru_text, ru_tok.tokenize(ru_text), ru);
  ASSERT_EQ(ru.joined.size(), 1u);
  EXPECT_EQ(ru.joined[0], term_hash(ru_tok.stem("карабахскую")));
}

// An IDF table over the issue's statements (kCorpus) and `texts`, and the texts' features.
IdfTable table_over(const std::vector<std::string>& texts) {
  IdfTable table;
  for (const auto& s : kCorpus) table.add(real_tokens(s));
  for (const auto& s : texts) table.add(real_tokens(s));
  return table;
}

std::vector<StatementFeatures> features_of(const Scorer& scorer, const std::vector<std::string>& texts) {
  std::vector<StatementFeatures> f;
  for (const auto& s : texts) f.push_back(scorer.prepare(s, real_tokens(s)));
  return f;
}

TEST(ScorerWithTokenizer, AHyphenatedNameIsOneTermTowardsTheMinimum) {
  const std::vector<std::string> texts = {
      "Nagorno-Karabakh is Azerbaijan.",
      "Nagorno-Karabakh is Armenia.",
      "Nagorno-Karabakh is part of Azerbaijan.",
      "Nagorno-Karabakh is an integral part of Azerbaijan.",
      "Nagorno-Karabakh.",
      "Upper-Karabakh is Azerbaijan.",
      "Nagorno Karabakh is Armenia.",  // no hyphen: two words, as written
      "Karabakh, I mean Nagorno-Karabakh.",
      "Nagorno Karabakh, they say.",
  };
  const IdfTable table = table_over(texts);
  ScoreOptions strict_options;
  strict_options.min_shared_terms = 2;
  const Scorer plain(table), strict(table, strict_options);
  const std::vector<StatementFeatures> f = features_of(plain, texts);
  ASSERT_EQ(f[0].joined.size(), 1u);
  EXPECT_TRUE(f[6].joined.empty());
  // Only the name in common: not the same claim, though both halves match.
  EXPECT_GT(plain.score(f[0], f[1]).total, 0.0f);
  EXPECT_EQ(strict.score(f[0], f[1]).total, 0.0f);
  EXPECT_EQ(strict.score(f[1], f[0], 0.5f).total, 0.0f);
  // The name and "part", "Azerbaijan": passes, with the score unchanged.
  EXPECT_GT(strict.score(f[2], f[3]).total, 0.5f);
  EXPECT_FLOAT_EQ(strict.score(f[2], f[3]).total, plain.score(f[2], f[3]).total);
  // A statement that is only the name shares all it has.
  EXPECT_FLOAT_EQ(strict.score(f[4], f[0]).total, plain.score(f[4], f[0]).total);
  EXPECT_GT(strict.score(f[4], f[0]).total, 0.0f);
  // Different heads on the same tail: "Karabakh" and "Azerbaijan" are shared.
  EXPECT_FLOAT_EQ(strict.score(f[5], f[0]).total, plain.score(f[5], f[0]).total);
  EXPECT_GT(strict.score(f[5], f[0]).total, 0.0f);
  // Written apart on one side: the name once, and "Armenia".
  EXPECT_FLOAT_EQ(strict.score(f[1], f[6]).total, plain.score(f[1], f[6]).total);
  EXPECT_GT(strict.score(f[1], f[6]).total, 0.0f);
  // Nor does the tail standing alone on one side make the name two terms there.
  EXPECT_GT(plain.score(f[7], f[0]).total, 0.0f);
  EXPECT_EQ(strict.score(f[7], f[0]).total, 0.0f);
  EXPECT_EQ(strict.score(f[0], f[7]).total, 0.0f);
  EXPECT_EQ(strict.score(f[8], f[1]).total, 0.0f);
}

std::uint32_t negations_in(std::string_view text, Lang lang = Lang::en) {
  const Tokenizer tokenizer(lang);
  const std::vector<Token> tokens = tokenizer.tokenize(text);
  StatementTerms terms;
  extract_terms(text, tokens, terms);
  return terms.negations;
}

TEST(ScorerWithTokenizer, NegationWordsCountUnlessTheyAffirmOrQualify) {
  EXPECT_EQ(negations_in("Armenia wants a ceasefire."), 0u);
  EXPECT_EQ(negations_in("Armenia doesn't want a ceasefire."), 1u);
  EXPECT_EQ(negations_in("Armenia doesn\u2019t want a ceasefire."), 1u);  // typographic apostrophe
  EXPECT_EQ(negations_in("We have no mercenaries, we never had."), 2u);
  EXPECT_EQ(negations_in("We are not attacking civilians."), 1u);  // the main verb
  EXPECT_EQ(negations_in("Nobody recognized it, nothing changed."), 2u);
  // Affirmative phrases and qualifiers.
  EXPECT_EQ(negations_in("Not only Armenia but also its patrons are responsible."), 0u);
  EXPECT_EQ(negations_in("No doubt, we will restore our territorial integrity."), 0u);
  EXPECT_EQ(negations_in("No matter what they say, Karabakh is Azerbaijan."), 0u);
  EXPECT_EQ(negations_in("We are ready to negotiate without preconditions."), 0u);
  EXPECT_EQ(negations_in("No, we are defending ourselves."), 0u);  // the answer word
  EXPECT_EQ(negations_in("No, this is not true."), 1u);
  EXPECT_EQ(negations_in("No!"), 1u);  // a bare answer is a denial
  // A participle outside the main verb (the issue's own example of one talking point).
  EXPECT_EQ(
      negations_in("For 30 years now, Armenians have been exploiting our ancient land, not allowing our "
                   "people to return to these lands."),
      0u);
  EXPECT_EQ(negations_in("Армения не хочет перемирия.", Lang::ru), 1u);
  EXPECT_EQ(negations_in("Нет доказательств.", Lang::ru), 1u);
  EXPECT_EQ(negations_in("Нельзя было сказать, что команда сдалась.", Lang::ru), 1u);
  EXPECT_EQ(negations_in("Нет, мы защищаемся.", Lang::ru), 0u);
  EXPECT_EQ(negations_in("Не только Армения, но и её покровители.", Lang::ru), 0u);
  // Turkish negates most verbs inside the verb ("gelmedi"): its negation words alone would make
  // "değil" on one side and a negated verb on the other look like a denial, so none count.
  EXPECT_EQ(negations_in("Bu doğru değil.", Lang::tr), 0u);
}

TEST(ScorerWithTokenizer, ADenialIsNotTheSameClaim) {
  const std::vector<std::string> texts = {
      "That's what Armenia wants to do.", "Armenia doesn't want to do it.",
      "Armenia wants to do it.",          "There is no evidence.",
      "No evidence was presented to us.", "We will restore our territorial integrity.",
  };
  const IdfTable table = table_over(texts);
  ScoreOptions lenient;
  lenient.negation_changed = 1.0f;
  const Scorer scorer(table), without(table, lenient);
  const std::vector<StatementFeatures> f = features_of(scorer, texts);
  // One side negated: the factor, and nothing else changes.
  const ScoreParts denial = scorer.score(f[1], f[2]);
  EXPECT_FLOAT_EQ(denial.negation, 0.7f);
  EXPECT_FLOAT_EQ(denial.total, 0.7f * without.score(f[1], f[2]).total);
  EXPECT_FLOAT_EQ(scorer.score(f[0], f[1]).negation, 0.7f);
  EXPECT_LT(scorer.score(f[1], f[2]).total, scorer.score(f[0], f[2]).total);
  // Both negated, or neither: no penalty.
  EXPECT_FLOAT_EQ(scorer.score(f[3], f[4]).negation, 1.0f);
  EXPECT_FLOAT_EQ(scorer.score(f[0], f[2]).negation, 1.0f);
  EXPECT_FLOAT_EQ(scorer.score(f[3], f[4]).total, without.score(f[3], f[4]).total);
  // The early exit knows the factor too.
  EXPECT_EQ(scorer.score(f[1], f[2], 0.99f).total, 0.0f);
  EXPECT_EQ(scorer.score(f[5], f[5]).negation, 1.0f);
}

TEST(ScorerWithTokenizer, SearchRanksSiblingsFirstOnRealStatements) {
  const SiblingRanks r = rank_siblings(real_tokens);
  ASSERT_EQ(r.group.size(), 9u);
  for (std::size_t k = 0; k < r.group.size(); ++k) {
    if (r.group[k] >= 3) {
      EXPECT_TRUE(r.siblings_before_others[k]) << "group " << r.group[k];
    } else {
      // Measured: the nearest sibling is the top hit for 4 of the 5 paraphrase queries; "And all
      // Azerbaijanis must return to their ancient lands." first finds "Our target are occupants,
      // we must return our land to those whom it belongs to." (arguably the same point).
      EXPECT_LE(r.best_sibling_rank[k], 2) << "group " << r.group[k];
    }
  }
  EXPECT_GE(std::count(r.best_sibling_rank.begin(), r.best_sibling_rank.end(), 1), 8);
}

// MSRP test set (Microsoft Research Paraphrase Corpus): 1725 English sentence pairs, 66.5%
// labelled paraphrase. Not part of the project: read from the shared corpora when present.
TEST(ScorerWithTokenizer, SeparatesMsrpParaphrases) {
  const std::string path = std::string(QUOTEKIT_SHARED_CORPORA) + "/msrp/msr_paraphrase_test.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "MSRP not found at " << path << " (shared corpora absent)";
  std::string line;
  std::getline(in, line);  // header (after a UTF-8 BOM)
  struct Pair {
    bool paraphrase;
    std::string a, b;
    std::vector<Token> ta, tb;
  };
  std::vector<Pair> pairs;
  IdfTable table;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cols;
    for (std::size_t start = 0;;) {
      const auto tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cols.size() < 5) continue;
    Pair p{cols[0] == "1", cols[3], cols[4], real_tokens(cols[3]), real_tokens(cols[4])};
    table.add(p.ta);
    table.add(p.tb);
    pairs.push_back(std::move(p));
  }
  ASSERT_EQ(pairs.size(), 1725u);
  const Scorer scorer(table);
  std::vector<std::pair<float, bool>> scored;
  for (const auto& p : pairs) {
    scored.emplace_back(scorer.score(scorer.prepare(p.a, p.ta), scorer.prepare(p.b, p.tb)).total,
                        p.paraphrase);
  }
  // ROC-AUC by the rank-sum formula (ties share their mean rank), and the best accuracy over
  // all thresholds.
  std::sort(scored.begin(), scored.end());
  double rank_sum = 0;
  std::size_t pos = 0, neg = 0;
  for (std::size_t i = 0; i < scored.size();) {
    std::size_t j = i;
    while (j < scored.size() && scored[j].first == scored[i].first) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) scored[k].second ? (rank_sum += mean_rank, ++pos) : ++neg;
    i = j;
  }
  const double auc = (rank_sum - static_cast<double>(pos) * (pos + 1) / 2) / (static_cast<double>(pos) * neg);
  std::size_t best = pos;  // threshold below every score: all called paraphrases
  std::size_t correct = pos;
  float best_threshold = 0;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    correct += scored[i].second ? -1 : 1;  // scored[i] now falls below the threshold
    if (i + 1 < scored.size() && scored[i + 1].first == scored[i].first) continue;
    if (correct > best) {
      best = correct;
      best_threshold = i + 1 < scored.size() ? (scored[i].first + scored[i + 1].first) / 2 : scored[i].first;
    }
  }
  const double accuracy = static_cast<double>(best) / static_cast<double>(scored.size());
  RecordProperty("msrp_auc", std::to_string(auc));
  RecordProperty("msrp_best_accuracy", std::to_string(accuracy));
  RecordProperty("msrp_best_threshold", std::to_string(best_threshold));
  std::printf("MSRP test: ROC-AUC %.4f, best accuracy %.4f at threshold %.3f (majority %.4f)\n", auc,
              accuracy, best_threshold, static_cast<double>(pos) / static_cast<double>(scored.size()));
  EXPECT_GT(auc, 0.70);
  EXPECT_GT(accuracy, 0.69);  // the majority class alone gives 0.665
}

}  // namespace
}  // namespace quotekit
