// quotekit/tokenize.hpp — tokenize: ICU word break over a statement, each token with its
// normalized form, Snowball stem, kind and stop-word flag. Numbers are canonical, so that
// "100,000", "100 000", "100 thousand" and "100 тысяч" all read "100000".
//
// Numbers. A number token's norm is its value as a plain decimal: no group separators, '.' as
// the decimal point, no leading zeros or trailing fractional zeros ("1500000", "1.5", "1992").
//  - Separators: en reads "1,000.5" (',' groups, '.' decimal), ru/tr read "1.000,5"; when the
//    language's reading does not fit, the other is tried ("1,5" in English is 1.5). Groups of 3
//    digits separated by one space, NBSP, thin, narrow NBSP or figure space join ("100 000").
//    Digit strings that read neither way ("27.09.2020", "1;2") keep their folded text.
//  - Scale words after a number multiply it: thousand/million/billion/trillion (+ plurals, mln,
//    bn), тысяча/миллион/миллиард/триллион in all cases (+ тыс, млн, млрд, трлн), bin/milyon/
//    milyar/trilyon. "1.5 million", "1,5 миллиона", "1,5 milyon" all read "1500000". The merged
//    token's span covers every part.
//  - Number words 0–19, the tens, and hundreds (hundred, сто..девятьсот, yüz) become numbers,
//    also in combinations: "two" → 2, "twenty-five" → 25, "one hundred and five" → 105,
//    "двести пятьдесят" → 250, "iki yüz elli" → 250, "полтора миллиона" → 1500000. Russian
//    oblique cases are covered (двух, пяти, ...), except семью (also "family"). Turkish "bir"
//    alone is the indefinite article and stays a word; "bir milyon" is a number. Scale words
//    alone ("thousands of people") stay words. Ordinals are not numbers.
//  - "30%" is the number 30 and the punctuation %; "$3 billion" is $ and 3000000000; a sign is
//    punctuation; glued forms like "3bn" stay words.
//  - Number tokens are never stop words; their stem is their norm.
//
// Words. norm = Normalizer::fold of the token text (Turkish-aware case, ё→е, canonical
// apostrophe: "Azerbaijan’s" is one word "azerbaijan's"). stem = Snowball (english, russian,
// turkish) of norm; Snowball English drops the possessive ("azerbaijan"); for Turkish the part
// before an apostrophe is stemmed ("azerbaycan'ın" → stem of "azerbaycan"). Lang::other and
// Lang::unknown have no stemmer: stem == norm, and no stop words.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"

namespace quotekit {

enum class TokenKind : std::uint8_t { word, number, punct };

std::string_view to_string(TokenKind kind) noexcept;  // "word", "number", "punct"

struct Token {
  Span span;  // into the document text; a number may span several words
  TokenKind kind = TokenKind::word;
  bool stop = false;  // in the language's stop-word list
  std::string norm;   // normalized form (Normalizer::fold); numbers: canonical digits
  std::string stem;   // Snowball stem of norm (words); == norm for numbers and punct
};

// Stop words shipped with the project (data/stopwords/<lang>.txt, embedded at build time):
// function words only; negations (not, не, değil, ...) are deliberately not stop words.
// Thread-safe. False for Lang::other and Lang::unknown.
bool is_stopword(Lang lang, std::string_view folded_word) noexcept;

// Holds an ICU BreakIterator, a Snowball stemmer, a Normalizer and a cache of word forms (stem,
// stop flag, number word; up to 65536 forms, then it starts over): NOT thread-safe, use one
// Tokenizer per thread. Creating one costs about a millisecond; reuse it across statements.
class Tokenizer {
 public:
  explicit Tokenizer(Lang lang);
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // Tokens of text[span], appended to `out`. Spans are offsets into `text`. White space and
  // invisible characters are skipped; every other non-word character is one TokenKind::punct
  // token (norm: its canonical form, e.g. "—" → "-"). Throws Error if span lies outside text.
  void tokenize(std::string_view text, Span span, std::vector<Token>& out) const;
  std::vector<Token> tokenize(std::string_view text) const;  // all of text

  // The stem of an already folded word, as tokens get it (see above).
  std::string stem(std::string_view folded_word) const;

  Lang lang() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotekit
