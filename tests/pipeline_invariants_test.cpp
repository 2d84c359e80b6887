// segment + tokenize over whole corpora, statement by statement as the later stages (and the
// benchmark) run them: what every token must satisfy whatever the caches inside the Tokenizer
// hold, checked against the slow, uncached definitions (Normalizer::fold, a fresh Tokenizer's
// stem, is_stopword, ICU's word break).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "quotekit/quotekit.hpp"
#include "wordbreak.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "0", "1500000", "1.5", "0.25": the canonical form of a number token's value.
bool is_canonical_number(std::string_view s) {
  if (s.empty()) return false;
  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return false;
  for (const char c : whole) {
    if (c < '0' || c > '9') return false;
  }
  if (dot == std::string_view::npos) return true;
  const std::string_view frac = s.substr(dot + 1);
  if (frac.empty() || frac.back() == '0') return false;
  for (const char c : frac) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Checks the tokens of text[span] against the definitions in tokenize.hpp; `fresh` is a
// Tokenizer of the same language that has seen nothing but the stems asked here.
void check_tokens(std::string_view text, Span span, const std::vector<Token>& tokens, Lang lang,
                  const Normalizer& norm, const Tokenizer& fresh, const std::string& where) {
  std::uint32_t at = span.start;
  for (const Token& t : tokens) {
    const std::string_view original = slice(text, t.span);
    const auto what = [&] {
      return where + ": \"" + std::string(original) + "\" at " + std::to_string(t.span.start);
    };
    // Spans round-trip: inside the statement, in order, not empty, nothing but blanks between.
    ASSERT_LE(at, t.span.start) << what();
    ASSERT_LT(t.span.start, t.span.end) << what();
    ASSERT_LE(t.span.end, span.end) << what();
    const std::string gap = norm.fold(text.substr(at, t.span.start - at));
    EXPECT_EQ(gap.find_first_not_of(" \t\r\n"), std::string::npos) << "gap before " << what();
    at = t.span.end;
    switch (t.kind) {
      case TokenKind::word:
        EXPECT_EQ(t.norm, norm.fold(original)) << what();
        EXPECT_EQ(t.stem, fresh.stem(t.norm)) << what();
        EXPECT_EQ(t.stop, is_stopword(lang, t.norm)) << what();
        break;
      case TokenKind::punct:
        EXPECT_EQ(t.norm, norm.fold(original)) << what();
        EXPECT_EQ(t.stem, t.norm) << what();
        EXPECT_FALSE(t.stop) << what();
        break;
      case TokenKind::number:
        // Canonical digits, or the folded text of a digit string that reads no way.
        EXPECT_TRUE(is_canonical_number(t.norm) || t.norm == norm.fold(original)) << what();
        EXPECT_EQ(t.stem, t.norm) << what();
        EXPECT_FALSE(t.stop) << what();
        break;
    }
  }
  const std::string tail = norm.fold(text.substr(at, span.end - at));
  EXPECT_EQ(tail.find_first_not_of(" \t\r\n"), std::string::npos) << where << ": after the last token";
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].span != b[i].span || a[i].kind != b[i].kind || a[i].stop != b[i].stop ||
        a[i].norm != b[i].norm || a[i].stem != b[i].stem) {
      return false;
    }
  }
  return true;
}

// segment() + tokenize() of every sentence and quote, twice: the first pass fills the caches,
// the second reads them, and both must give the same tokens.
void check_documents(const std::vector<Document>& docs, std::size_t min_tokens) {
  ASSERT_FALSE(docs.empty());
  const Lang lang = docs.front().lang;
  const Tokenizer tok(lang);
  const Tokenizer fresh(lang);
  const Normalizer norm(lang);
  std::size_t count = 0;
  std::vector<Token> first, second;
  for (const Document& d : docs) {
    for (const Statement& st : segment(d)) {
      if (st.kind == StatementKind::furniture) continue;
      first.clear();
      tok.tokenize(d.text, st.span, first);
      check_tokens(d.text, st.span, first, lang, norm, fresh, d.id);
      second.clear();
      tok.tokenize(d.text, st.span, second);
      EXPECT_TRUE(same_tokens(first, second)) << d.id << ": statement " << st.index << " tokenized twice";
      count += first.size();
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
  EXPECT_GE(count, min_tokens);
}

std::vector<Document> read_documents(const fs::path& dir_or_file, Lang lang, std::size_t lines_per_doc) {
  std::vector<Document> docs;
  DecodeOptions options;
  options.lang = lang;
  if (fs::is_directory(dir_or_file)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_or_file)) {
      if (e.path().extension() == ".txt") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      docs.push_back(make_document(f.filename().string(), read_file(f), options, f.string()));
    }
    return docs;
  }
  // A line-per-segment file: pseudo-documents of a few lines each.
  std::istringstream in(read_file(dir_or_file));
  std::string line, text;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    text += line + "\n";
    if (++n % lines_per_doc == 0) {
      docs.push_back(
          make_document(dir_or_file.filename().string() + ":" + std::to_string(n), text, options, ""));
      text.clear();
    }
  }
  if (!text.empty()) docs.push_back(make_document(dir_or_file.filename().string(), text, options, ""));
  return docs;
}

TEST(PipelineInvariants, WholeInterviewCorpus) {
  const fs::path dir = fs::path(QUOTEKIT_SHARED_CORPORA) / "interviews";
  if (!fs::exists(dir)) GTEST_SKIP() << "interviews corpus not found under " << QUOTEKIT_SHARED_CORPORA;
  const auto docs = read_documents(dir, Lang::en, 0);
  EXPECT_EQ(docs.size(), 5u);
  check_documents(docs, 100000);
}

TEST(PipelineInvariants, RussianAndTurkishNews) {
  const fs::path ntrex = fs::path(QUOTEKIT_SHARED_CORPORA) / "ntrex-en-ru-tr";
  if (!fs::exists(ntrex)) GTEST_SKIP() << "NTREX not found under " << QUOTEKIT_SHARED_CORPORA;
  check_documents(read_documents(ntrex / "newstest2019-ref.rus.txt", Lang::ru, 40), 30000);
  check_documents(read_documents(ntrex / "newstest2019-ref.tur.txt", Lang::tr, 40), 30000);
}

// The caches hold up to 65536 forms, then start over: results must not change across that.
TEST(PipelineInvariants, CachesStartingOverChangeNothing) {
  const std::string text =
      "The Minister’s 2 visits to Baku in 2020, twenty-five meetings and 1.5 million people: “Why?”";
  const Tokenizer tok(Lang::en);
  const std::vector<Token> before = tok.tokenize(text);
  std::string filler;
  for (int i = 0; i < 70000; ++i) filler += "w" + std::to_string(i) + "x Word" + std::to_string(i) + " ";
  const std::vector<Token> many = tok.tokenize(filler);
  ASSERT_EQ(many.size(), 140000u);
  EXPECT_EQ(many.back().norm, "word69999");
  EXPECT_TRUE(same_tokens(tok.tokenize(text), before));
  EXPECT_TRUE(same_tokens(Tokenizer(Lang::en).tokenize(text), before));
  EXPECT_EQ(tok.stem("visits"), "visit");
}

// The tokenizer asks the word breaker to leave out single spaces; nothing else may change.
void expect_same_without_gaps(detail::WordBreaker& wb, const std::string& text, const std::string& what) {
  const Span all{0, static_cast<std::uint32_t>(text.size())};
  for (const bool fast : {true, false}) {
    std::vector<detail::WordSegment> full, skipped, expected;
    wb.segments(text, all, full, fast, false);
    wb.segments(text, all, skipped, fast, true);
    for (const auto& s : full) {
      if (!(s.end == s.start + 1 && text[s.start] == ' ')) expected.push_back(s);
    }
    EXPECT_TRUE(skipped == expected) << what << (fast ? " (fast path)" : " (ICU)");
  }
}

TEST(PipelineInvariants, WordBreakWithoutGaps) {
  detail::WordBreaker wb(Lang::en);
  expect_same_without_gaps(wb, "Two  spaces, one space;\u00A0NBSP and \u0301 combining ·  here \u05D0 .",
                           "sample");
  const fs::path file = fs::path(QUOTEKIT_SHARED_CORPORA) / "interviews" / "000_5f32a5e8eb0474fb.txt";
  if (fs::exists(file)) expect_same_without_gaps(wb, read_file(file), "interviews/000");
  std::mt19937 rng(7);
  const std::vector<std::string> parts = {"a", "Z",      "1",      " ",      " ",      "  ", ".",  ",",
                                          "'", "\u0301", "\u05D0", "\u00A0", "\u202F", "ж",  "\n", "😀"};
  for (int n = 0; n < 5000 && !HasFailure(); ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += parts[rng() % parts.size()];
    expect_same_without_gaps(wb, s, "random string #" + std::to_string(n));
  }
}

// Long runs of word characters (the word breaker scans them 16 bytes at a time) must still
// split exactly where ICU splits them.
TEST(PipelineInvariants, WordBreakLongRunsEqualIcu) {
  detail::WordBreaker wb(Lang::en);
  std::mt19937 rng(11);
  const std::string word_bytes = "abcxyzABCXYZ0189_@";
  const std::vector<std::string> breaks = {" ",      ".",      ",",  "'", "’",    "-",  "`",
                                           "[",      "{",      "/",  ":", "\x7F", "é",  "ж",
                                           "\u00A0", "\u0301", "\n", "😀", "1.5",  "a.b"};
  for (int n = 0; n < 3000 && !HasFailure(); ++n) {
    std::string s;
    while (s.size() < 20 + rng() % 60) {
      const std::size_t run = rng() % 40;
      for (std::size_t k = 0; k < run; ++k) s += word_bytes[rng() % word_bytes.size()];
      s += breaks[rng() % breaks.size()];
    }
    const Span all{0, static_cast<std::uint32_t>(s.size())};
    for (const std::uint32_t cut : {0u, 1u, 7u}) {  // spans that end before the text does
      if (cut >= s.size()) continue;
      const Span part{all.start, all.end - cut};
      std::vector<detail::WordSegment> fast, icu;
      wb.segments(s, part, fast, true);
      wb.segments(s, part, icu, false);
      EXPECT_TRUE(fast == icu) << "random string #" << n << " cut " << cut << ": " << s;
    }
  }
}

}  // namespace
}  // namespace quotekit
