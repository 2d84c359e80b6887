// The sentence-break scanner (toolkit/sentence_break.cpp) must give exactly ICU's boundaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "segment_internal.hpp"
#include "testing_text.hpp"

namespace quotekit {
namespace {

std::string read_file(const std::filesystem::path& path) { return testing::read_test_file(path.string()); }

void expect_same_breaks(const std::string& text, Lang lang, const std::string& what) {
  std::vector<std::uint32_t> fast, icu;
  detail::sentence_breaks(text, lang, fast, true);
  detail::sentence_breaks(text, lang, icu, false);
  if (fast == icu) return;
  std::size_t i = 0;
  while (i < fast.size() && i < icu.size() && fast[i] == icu[i]) ++i;
  const std::uint32_t at = i < icu.size() ? icu[i] : i < fast.size() ? fast[i] : 0;
  const std::size_t from = at > 40 ? at - 40 : 0;
  ADD_FAILURE() << what << " (" << to_string(lang) << "): first difference at boundary " << i << ": ICU "
                << (i < icu.size() ? std::to_string(icu[i]) : "none") << ", fast "
                << (i < fast.size() ? std::to_string(fast[i]) : "none") << ", near «" << text.substr(from, 80)
                << "»";
}

TEST(SentenceBreak, HandWrittenCases) {
  // What the rules do, checked by eye: the boundaries are the byte offsets after ". ", "? "...
  const std::vector<std::pair<std::string, std::vector<std::uint32_t>>> cases = {
      {"He left. She came.", {9}},
      {"Is it? Yes! No.", {7, 12}},
      {"It costs 3.5 million. Fine.", {22}},  // SB6: ATerm × Numeric
      {"The U.S. Army came.", {9}},           // SB7 keeps "U.S"; ICU breaks before "Army"
      {"etc. and so on. Next", {16}},         // SB8: a lowercase word follows
      {"“Stop.” He did.", {12}},              // the closing quote stays with its sentence
      {"Wait... what? OK", {14}},
      {"Line one\nLine two\r\nLine three", {9, 19}},  // SB4, CR LF together
      {"Done.\n\nNext.", {6, 7}},
      {"Вопрос? Ответ. Да.", {14, 26}},
  };
  for (const auto& [text, expected] : cases) {
    for (const Lang lang : {Lang::en, Lang::ru, Lang::tr}) {
      std::vector<std::uint32_t> fast, icu;
      detail::sentence_breaks(text, lang, fast, true);
      detail::sentence_breaks(text, lang, icu, false);
      EXPECT_EQ(icu, expected) << text;
      EXPECT_EQ(fast, expected) << text;
    }
  }
}

TEST(SentenceBreak, FastPathEqualsIcuOnRealText) {
  const std::filesystem::path testdata(QUOTEKIT_TESTDATA);
  for (const auto& [lang, file] :
       {std::pair{Lang::en, "normalize/en_interviews_001.txt"}, std::pair{Lang::ru, "normalize/ru_own.txt"},
        std::pair{Lang::tr, "normalize/tr_own.txt"}}) {
    expect_same_breaks(read_file(testdata / file), lang, file);
  }
  const std::filesystem::path shared(QUOTEKIT_SHARED_CORPORA);
  if (!std::filesystem::exists(shared / "interviews")) {
    GTEST_SKIP() << "shared corpora not found at " QUOTEKIT_SHARED_CORPORA;
  }
  for (const auto& e : std::filesystem::directory_iterator(shared / "interviews")) {
    if (e.path().extension() == ".txt") {
      expect_same_breaks(read_file(e.path()), Lang::en, e.path().filename().string());
    }
  }
  const std::pair<Lang, const char*> more[] = {
      {Lang::ru, "ntrex-en-ru-tr/newstest2019-ref.rus.txt"},
      {Lang::tr, "ntrex-en-ru-tr/newstest2019-ref.tur.txt"},
      {Lang::en, "ntrex-en-ru-tr/newstest2019-src.eng.txt"},
      {Lang::ru, "newstest/ru-en/newstest2018.ru"},
      {Lang::tr, "newstest/tr-en/newstest2017.tr"},
  };
  for (const auto& [lang, file] : more) {
    const std::string text = read_file(shared / file);
    EXPECT_FALSE(text.empty()) << file;
    expect_same_breaks(text, lang, file);
  }
}

TEST(SentenceBreak, FastPathEqualsIcuOnRandomStrings) {
  // Every Sentence_Break class, in ASCII and beyond, plus what the scanner hands to ICU
  // (Extend, Format, ill-formed UTF-8).
  std::string alphabet = "aaabbzAABBZ0019  ..?!?!,;:-()\"'\n\r\t";
  for (int c = 1; c < 128; ++c) alphabet += static_cast<char>(c);
  const std::vector<std::string> others = {
      "é",      "É",        "ж",      "Ж",      "ı",      "İ",      "“",      "”",      "«",        "»",
      "’",      "‘",        "—",      "–",      "…",      "‼",      "⁇",      "\u00A0", "\u2009",   "\u3000",
      "\u0085", "\u2028",   "\u2029", "\u0301", "\u00AD", "\u200B", "\u200D", "\uFEFF", "\u2060",   "․",
      "﹒",     "．",       "。",     "｡",      "؟",      "।",      "日",     "ア",     "א",        "ش",
      "٣",      "１",       "Ａ",     "ａ",     "ǅ",      "ª",      "😀",      "𝐀",      "\xE2\x80", "\xC0",
      "\x80",   "\xF0\x9F", "\uFFFD", "（",     "）",     "〈",     "〉",     "⸺",      "\u202F",   "᠃"};
  std::mt19937 rng(20241123);
  for (int n = 0; n < 60000 && !::testing::Test::HasFailure(); ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 16);
    for (int k = 0; k < len; ++k) {
      if (rng() % 3 == 0) {
        s += others[rng() % others.size()];
      } else {
        s += alphabet[rng() % alphabet.size()];
      }
    }
    const Lang lang = n % 3 == 0 ? Lang::en : n % 3 == 1 ? Lang::ru : Lang::tr;
    expect_same_breaks(s, lang, "random string #" + std::to_string(n));
  }
}

}  // namespace
}  // namespace quotekit
