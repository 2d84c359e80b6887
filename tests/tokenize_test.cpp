#include "quotekit/tokenize.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "quotekit/normalize.hpp"
#include "testing_text.hpp"
#include "wordbreak.hpp"

namespace quotekit {

namespace detail {
extern const std::pair<std::string_view, std::string_view> kStopwordLists[];
extern const int kStopwordListCount;
}  // namespace detail

namespace {

std::string read_file(const std::filesystem::path& path) { return testing::read_test_file(path.string()); }

std::string testdata(const char* name) {
  return read_file(std::filesystem::path(QUOTEKIT_TESTDATA) / "normalize" / name);
}

std::string shared(const char* rel) {
  return read_file(std::filesystem::path(QUOTEKIT_SHARED_CORPORA) / rel);
}

// "text|kind|norm" for each token, to compare whole sequences readably.
std::vector<std::string> describe(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.push_back(std::string(slice(text, t.span)) + "|" + std::string(to_string(t.kind)) + "|" + t.norm);
  }
  return out;
}

// The single number token of `text`, or a failure.
std::string number_of(const Tokenizer& tok, std::string_view text) {
  const auto tokens = tok.tokenize(text);
  std::string found;
  int count = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::number) {
      found = t.norm;
      ++count;
    }
  }
  EXPECT_EQ(count, 1) << text;
  return found;
}

TEST(Tokenize, RealSentenceWithExactSpans) {
  // From interviews/001 (Rossiya-1, Sept 2020).
  const std::string text =
      "In their wake, Azerbaijan’s Army has liberated several settlements from occupation and seized "
      "strategic heights in different directions.";
  const Tokenizer tok(Lang::en);
  const auto tokens = tok.tokenize(text);
  EXPECT_EQ(describe(text, tokens), (std::vector<std::string>{"In|word|in",
                                                              "their|word|their",
                                                              "wake|word|wake",
                                                              ",|punct|,",
                                                              "Azerbaijan’s|word|azerbaijan's",
                                                              "Army|word|army",
                                                              "has|word|has",
                                                              "liberated|word|liberated",
                                                              "several|word|several",
                                                              "settlements|word|settlements",
                                                              "from|word|from",
                                                              "occupation|word|occupation",
                                                              "and|word|and",
                                                              "seized|word|seized",
                                                              "strategic|word|strategic",
                                                              "heights|word|heights",
                                                              "in|word|in",
                                                              "different|word|different",
                                                              "directions|word|directions",
                                                              ".|punct|."}));
  ASSERT_EQ(tokens.size(), 20u);
  EXPECT_EQ(tokens[4].span, (Span{15, 29}));  // ’ is 3 bytes
  EXPECT_EQ(tokens[4].stem, "azerbaijan");
  EXPECT_EQ(tokens[5].stem, "armi");
  EXPECT_EQ(tokens[7].stem, "liber");
  EXPECT_TRUE(tokens[0].stop);   // in
  EXPECT_TRUE(tokens[1].stop);   // their
  EXPECT_TRUE(tokens[6].stop);   // has
  EXPECT_FALSE(tokens[2].stop);  // wake
  EXPECT_FALSE(tokens[4].stop);
  EXPECT_EQ(tokens[19].stem, ".");
}

TEST(Tokenize, SpansRoundTripOnRealText) {
  for (const auto& [lang, file] : {std::pair{Lang::en, "en_interviews_001.txt"},
                                   std::pair{Lang::ru, "ru_own.txt"}, std::pair{Lang::tr, "tr_own.txt"}}) {
    const std::string text = testdata(file);
    const Tokenizer tok(lang);
    const Normalizer norm(lang);
    const auto tokens = tok.tokenize(text);
    ASSERT_GT(tokens.size(), 50u) << file;
    std::uint32_t prev_end = 0;
    for (const Token& t : tokens) {
      ASSERT_LE(prev_end, t.span.start) << file;  // in order, not overlapping
      ASSERT_LT(t.span.start, t.span.end);
      ASSERT_LE(t.span.end, text.size());
      prev_end = t.span.end;
      const std::string_view original = slice(text, t.span);
      // Between tokens only white space and invisible characters.
      EXPECT_FALSE(norm.fold(original).empty());
      if (t.kind != TokenKind::number) {
        EXPECT_EQ(t.norm, norm.fold(original)) << original;
      }
      EXPECT_EQ(original.find('\n'), std::string_view::npos);
    }
  }
}

TEST(Tokenize, GapsBetweenTokensAreBlank) {
  const std::string text = testdata("en_interviews_001.txt") + testdata("ru_own.txt");
  const Normalizer norm(Lang::en);
  const auto tokens = Tokenizer(Lang::en).tokenize(text);
  std::uint32_t at = 0;
  for (const Token& t : tokens) {
    const std::string gap = norm.fold(slice(text, Span{at, t.span.start}));
    EXPECT_EQ(gap.find_first_not_of(" \t\r\n"), std::string::npos) << "gap before " << slice(text, t.span);
    at = t.span.end;
  }
}

TEST(Tokenize, SpanArgumentLimitsTheRange) {
  const std::string text = "Host: What happened? President: Nothing.";
  const Tokenizer tok(Lang::en);
  std::vector<Token> out;
  tok.tokenize(text, Span{6, 20}, out);
  EXPECT_EQ(describe(text, out),
            (std::vector<std::string>{"What|word|what", "happened|word|happened", "?|punct|?"}));
  EXPECT_EQ(out[0].span, (Span{6, 10}));
  tok.tokenize(text, Span{21, 40}, out);  // appends
  EXPECT_EQ(out.size(), 7u);
  EXPECT_EQ(out.back().span, (Span{39, 40}));
  tok.tokenize(text, Span{3, 3}, out);
  EXPECT_EQ(out.size(), 7u);
  EXPECT_THROW(tok.tokenize(text, Span{5, 100}, out), Error);
  EXPECT_THROW(tok.tokenize(text, Span{9, 5}, out), Error);
  EXPECT_TRUE(tok.tokenize("").empty());
  EXPECT_TRUE(tok.tokenize(" \n\t\u00A0\u200B ").empty());
}

TEST(Tokenize, PunctuationIsCanonical) {
  const std::string text = "“Karabakh is Azerbaijan” — he said… «да»";
  const auto tokens = Tokenizer(Lang::en).tokenize(text);
  EXPECT_EQ(
      describe(text, tokens),
      (std::vector<std::string>{"“|punct|\"", "Karabakh|word|karabakh", "is|word|is",
                                "Azerbaijan|word|azerbaijan", "”|punct|\"", "—|punct|-", "he|word|he",
                                "said|word|said", "…|punct|...", "«|punct|\"", "да|word|да", "»|punct|\""}));
}

TEST(Tokenize, NarrowNoBreakSpaceIsASpace) {
  // interviews/001 writes "– \u202FI have": ICU alone would glue U+202F to the word.
  const std::string text = "– \u202FI have 100\u202F000 men";
  const auto tokens = Tokenizer(Lang::en).tokenize(text);
  EXPECT_EQ(describe(text, tokens), (std::vector<std::string>{"–|punct|-", "I|word|i", "have|word|have",
                                                              "100\u202F000|number|100000", "men|word|men"}));
  EXPECT_TRUE(tokens[1].stop);
}

TEST(Tokenize, ApostrophesAndPossessives) {
  const Tokenizer en(Lang::en);
  auto t = en.tokenize("Azerbaijan’s Azerbaijan's don’t");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].norm, "azerbaijan's");
  EXPECT_EQ(t[1].norm, "azerbaijan's");
  EXPECT_EQ(t[0].stem, "azerbaijan");
  EXPECT_EQ(t[2].norm, "don't");
  EXPECT_FALSE(t[2].stop);  // negation
  const Tokenizer tr(Lang::tr);
  t = tr.tokenize("Türkiye’nin Türkiye Azerbaycan'ın Azerbaycan");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].norm, "türkiye'nin");
  EXPECT_EQ(t[0].stem, t[1].stem);
  EXPECT_EQ(t[2].norm, "azerbaycan'ın");
  EXPECT_EQ(t[2].stem, t[3].stem);
}

TEST(Tokenize, StemsUniteInflections) {
  const Tokenizer en(Lang::en), ru(Lang::ru), tr(Lang::tr);
  EXPECT_EQ(en.stem("recognizes"), en.stem("recognized"));
  EXPECT_EQ(en.stem("negotiations"), en.stem("negotiation"));
  EXPECT_NE(en.stem("army"), en.stem("arms"));
  EXPECT_EQ(ru.stem("азербайджана"), ru.stem("азербайджан"));
  EXPECT_EQ(ru.stem("переговоры"), ru.stem("переговорах"));
  EXPECT_EQ(tr.stem("azerbaycan'ın"), tr.stem("azerbaycan"));
  EXPECT_EQ(tr.stem("ermenistan'ın"), tr.stem("ermenistan"));
  // Tokens get the same stems, from mixed-case text.
  const auto t = ru.tokenize("Азербайджана АЗЕРБАЙДЖАН");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].stem, t[1].stem);
  // No stemmer for other languages.
  const Tokenizer other(Lang::other);
  const auto o = other.tokenize("Negotiations");
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].stem, "negotiations");
  EXPECT_FALSE(o[0].stop);
}

TEST(Tokenize, NumbersCompareByValue) {
  const Tokenizer en(Lang::en), ru(Lang::ru), tr(Lang::tr);
  for (const char* s :
       {"100,000", "100 000", "100\u00A0000", "100\u2009000", "100\u202F000", "100 thousand", "100.000,0"}) {
    EXPECT_EQ(number_of(en, s), "100000") << s;
  }
  for (const char* s : {"100 тысяч", "100 000", "100\u00A0000", "100.000", "100 тыс"}) {
    EXPECT_EQ(number_of(ru, s), "100000") << s;
  }
  for (const char* s : {"100 bin", "100.000", "100 000", "yüz bin"})
    EXPECT_EQ(number_of(tr, s), "100000") << s;
  EXPECT_EQ(number_of(en, "1.5 million"), "1500000");
  EXPECT_EQ(number_of(ru, "1,5 миллиона"), "1500000");
  EXPECT_EQ(number_of(ru, "полтора миллиона"), "1500000");
  EXPECT_EQ(number_of(tr, "1,5 milyon"), "1500000");
  EXPECT_EQ(number_of(ru, "2 млн"), "2000000");
  EXPECT_EQ(number_of(en, "3 billion"), "3000000000");
  EXPECT_EQ(number_of(ru, "3 млрд"), "3000000000");
  EXPECT_EQ(number_of(tr, "3 milyar"), "3000000000");
  EXPECT_EQ(number_of(en, "2.35 billion"), "2350000000");
  EXPECT_EQ(number_of(en, "1992"), "1992");
  EXPECT_EQ(number_of(en, "007"), "7");
  EXPECT_EQ(number_of(en, "0.50"), "0.5");
  // Decimal and group separators by language, with a fallback.
  EXPECT_EQ(number_of(en, "1,000"), "1000");
  EXPECT_EQ(number_of(ru, "1,000"), "1");
  EXPECT_EQ(number_of(en, "1,5"), "1.5");
  EXPECT_EQ(number_of(ru, "1.5"), "1.5");
  EXPECT_EQ(number_of(tr, "3.000.000"), "3000000");
  EXPECT_EQ(number_of(en, "1,234,567.89"), "1234567.89");
  EXPECT_EQ(number_of(ru, "1 234 567,89"), "1234567.89");
  // Not a value: the folded text stays.
  EXPECT_EQ(number_of(en, "27.09.2020"), "27.09.2020");
}

TEST(Tokenize, MergedNumberSpansCoverAllParts) {
  const std::string text = "about 1.5 million people, 700\u00A0000 refugees";
  const auto t = Tokenizer(Lang::en).tokenize(text);
  EXPECT_EQ(describe(text, t),
            (std::vector<std::string>{"about|word|about", "1.5 million|number|1500000", "people|word|people",
                                      ",|punct|,", "700\u00A0000|number|700000", "refugees|word|refugees"}));
  EXPECT_EQ(t[1].stem, "1500000");
  EXPECT_FALSE(t[1].stop);
}

TEST(Tokenize, NumbersThatMustNotMerge) {
  const Tokenizer en(Lang::en);
  std::string text = "In 2020 100 people came; 1, 2, 3; September 27 2020; 30%; $3 billion";
  auto t = en.tokenize(text);
  EXPECT_EQ(describe(text, t), (std::vector<std::string>{"In|word|in",
                                                         "2020|number|2020",
                                                         "100|number|100",
                                                         "people|word|people",
                                                         "came|word|came",
                                                         ";|punct|;",
                                                         "1|number|1",
                                                         ",|punct|,",
                                                         "2|number|2",
                                                         ",|punct|,",
                                                         "3|number|3",
                                                         ";|punct|;",
                                                         "September|word|september",
                                                         "27|number|27",
                                                         "2020|number|2020",
                                                         ";|punct|;",
                                                         "30|number|30",
                                                         "%|punct|%",
                                                         ";|punct|;",
                                                         "$|punct|$",
                                                         "3 billion|number|3000000000"}));
  text = "thousands of reservists";  // a scale word alone is a word
  t = en.tokenize(text);
  EXPECT_EQ(t[0].kind, TokenKind::word);
  text = "100\n000";  // groups do not join across a line break
  t = en.tokenize(text);
  EXPECT_EQ(t.size(), 2u);
}

TEST(Tokenize, NumberWords) {
  const Tokenizer en(Lang::en), ru(Lang::ru), tr(Lang::tr);
  EXPECT_EQ(number_of(en, "two children"), "2");
  EXPECT_EQ(number_of(en, "Twenty-five"), "25");
  EXPECT_EQ(number_of(en, "one hundred and five"), "105");
  EXPECT_EQ(number_of(en, "seventeen"), "17");
  EXPECT_EQ(number_of(en, "two thousand twenty"), "2020");
  EXPECT_EQ(number_of(en, "five hundred thousand"), "500000");
  EXPECT_EQ(number_of(ru, "три ребенка"), "3");
  EXPECT_EQ(number_of(ru, "двух детей"), "2");
  EXPECT_EQ(number_of(ru, "двести пятьдесят"), "250");
  EXPECT_EQ(number_of(ru, "две тысячи двадцатый"), "2000");
  EXPECT_EQ(number_of(ru, "девятнадцать"), "19");
  EXPECT_EQ(number_of(tr, "iki çocuk"), "2");
  EXPECT_EQ(number_of(tr, "iki yüz elli"), "250");
  EXPECT_EQ(number_of(tr, "on bir"), "11");
  EXPECT_EQ(number_of(tr, "bir milyon"), "1000000");
  EXPECT_EQ(number_of(tr, "bin dokuz yüz doksan iki"), "1992");
  // Turkish "bir" alone is the article.
  const auto t = tr.tokenize("bir ülke");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, TokenKind::word);
  EXPECT_TRUE(t[0].stop);
  // Number words agree with digits.
  EXPECT_EQ(number_of(en, "two million"), number_of(ru, "2 млн"));
  EXPECT_EQ(number_of(ru, "два миллиона"), number_of(tr, "iki milyon"));
}

TEST(Tokenize, NumbersInRealText) {
  const std::string text = testdata("en_interviews_001.txt");
  std::vector<std::string> numbers;
  for (const Token& t : Tokenizer(Lang::en).tokenize(text)) {
    if (t.kind == TokenKind::number) numbers.push_back(t.norm);
  }
  // "September 29", "60 minutes", "10 million versus 2 million", "100 thousand", "300,000",
  // "200,000", "700,000", "1-2 billion" (1, 2000000000), "$1.5 billion".
  EXPECT_EQ(numbers,
            (std::vector<std::string>{"1", "60", "29", "1", "60", "10000000", "2000000", "100000", "300000",
                                      "200000", "700000", "1", "2000000000", "1500000000"}));
}

TEST(Tokenize, StopWordsAreFlagged) {
  EXPECT_TRUE(is_stopword(Lang::en, "the"));
  EXPECT_TRUE(is_stopword(Lang::en, "it's"));
  EXPECT_FALSE(is_stopword(Lang::en, "not"));
  EXPECT_FALSE(is_stopword(Lang::en, "azerbaijan"));
  EXPECT_TRUE(is_stopword(Lang::ru, "и"));
  EXPECT_TRUE(is_stopword(Lang::ru, "ее"));
  EXPECT_FALSE(is_stopword(Lang::ru, "не"));
  EXPECT_TRUE(is_stopword(Lang::tr, "ve"));
  EXPECT_TRUE(is_stopword(Lang::tr, "için"));
  EXPECT_FALSE(is_stopword(Lang::tr, "değil"));
  EXPECT_FALSE(is_stopword(Lang::other, "the"));
  EXPECT_FALSE(is_stopword(Lang::unknown, "the"));
  const std::string text = "Её позиция и наша не изменились";
  const auto t = Tokenizer(Lang::ru).tokenize(text);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_TRUE(t[0].stop);  // Её → ее
  EXPECT_FALSE(t[1].stop);
  EXPECT_TRUE(t[2].stop);
  EXPECT_TRUE(t[3].stop);
  EXPECT_FALSE(t[4].stop);
}

TEST(Tokenize, StopWordListsAreWellFormed) {
  ASSERT_EQ(detail::kStopwordListCount, 3);
  for (int i = 0; i < detail::kStopwordListCount; ++i) {
    const auto& [code, content] = detail::kStopwordLists[i];
    const Lang lang = parse_lang(code);
    const Normalizer norm(lang);
    std::set<std::string> seen;
    std::istringstream in{std::string(content)};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      EXPECT_EQ(norm.fold(line), line) << code << ": not case-folded/normalized";
      EXPECT_EQ(line.find(' '), std::string::npos) << code << ": " << line;
      EXPECT_TRUE(seen.insert(line).second) << code << ": duplicate " << line;
      EXPECT_TRUE(is_stopword(lang, line)) << code << ": " << line;
    }
    EXPECT_GE(seen.size(), 150u) << code;
    EXPECT_LE(seen.size(), 320u) << code;
    // Negations must not be dropped as stop words.
    for (const char* neg : {"not", "no", "never", "не", "нет", "ни", "değil", "yok", "hiç"}) {
      EXPECT_EQ(seen.count(neg), 0u) << code << ": " << neg;
    }
  }
}

// The fast word-break path must give exactly ICU's segments.
void expect_same_segments(detail::WordBreaker& wb, const std::string& text, const std::string& what) {
  std::vector<detail::WordSegment> fast, icu;
  const Span all{0, static_cast<std::uint32_t>(text.size())};
  wb.segments(text, all, fast, true);
  wb.segments(text, all, icu, false);
  if (fast == icu) return;
  std::size_t i = 0;
  while (i < fast.size() && i < icu.size() && fast[i] == icu[i]) ++i;
  ADD_FAILURE() << what << ": first difference at segment " << i << " (byte "
                << (i < icu.size() ? icu[i].start : text.size()) << ")";
}

TEST(WordBreak, FastPathEqualsIcuOnRealText) {
  detail::WordBreaker wb(Lang::en);
  for (const char* f : {"en_interviews_001.txt", "ru_own.txt", "tr_own.txt"})
    expect_same_segments(wb, testdata(f), f);
  const std::string interviews = shared("interviews/001_7e6423926252e8bc.txt");
  const std::string ru = shared("ntrex-en-ru-tr/newstest2019-ref.rus.txt");
  const std::string tr = shared("ntrex-en-ru-tr/newstest2019-ref.tur.txt");
  if (interviews.empty() || ru.empty() || tr.empty()) {
    GTEST_SKIP() << "shared corpora not found at " QUOTEKIT_SHARED_CORPORA;
  }
  expect_same_segments(wb, interviews, "interviews/001");
  expect_same_segments(wb, shared("interviews/000_5f32a5e8eb0474fb.txt"), "interviews/000");
  expect_same_segments(wb, ru, "ntrex rus");
  expect_same_segments(wb, tr, "ntrex tur");
}

TEST(WordBreak, FastPathEqualsIcuOnRandomStrings) {
  std::string alphabet;
  for (int c = 1; c < 128; ++c) alphabet += static_cast<char>(c);
  alphabet += "aaaZZZ000999   ..,,''";
  const std::vector<std::string> others = {
      "é",      "\u0301", "’",      "‘",      "“",      "—",      "\u00A0", "\u200B", "Ж",      "ё",
      "ı",      "İ",      "ş",      "\u202F", "\u2009", "\u2007", "©",      "א",      "·",      "٣",
      "\u2028", "\u0085", "λ",      "😀",      "\u200D", "\u00AD", "․",      "⁄",      "\u2060", "‼",
      "日",     "ア",     "\u05F4", "\u0483", "Ա",      "ش",      "\uFEFF", "ﬁ",      "１"};
  std::mt19937 rng(20240611);
  detail::WordBreaker wb(Lang::ru);
  for (int n = 0; n < 30000 && !HasFailure(); ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 14);
    for (int k = 0; k < len; ++k) {
      if (rng() % 3 == 0) {
        s += others[rng() % others.size()];
      } else {
        s += alphabet[rng() % alphabet.size()];
      }
    }
    expect_same_segments(wb, s, "random string #" + std::to_string(n));
  }
}

TEST(Tokenize, MovedTokenizerStillWorks) {
  Tokenizer a(Lang::ru);
  Tokenizer b = std::move(a);
  EXPECT_EQ(b.lang(), Lang::ru);
  EXPECT_EQ(b.tokenize("Ёлка").at(0).norm, "елка");
  EXPECT_EQ(to_string(TokenKind::punct), "punct");
}

}  // namespace
}  // namespace quotekit
