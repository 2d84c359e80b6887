// quotekit/tokenize.hpp — tokenize: ICU word break over a statement, each token with its
// normalized form, Snowball stem, kind and stop-word flag. Numbers are canonical, so that
// "100,000", "100 000", "100 thousand" and "100 тысяч" all read "100000".
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
  Span span;                  // into the document text; a number may span several words
  TokenKind kind = TokenKind::word;
  bool stop = false;          // in the language's stop-word list
  std::string norm;           // normalized form (Normalizer::fold); numbers: canonical digits
  std::string stem;           // Snowball stem of norm (words); == norm for numbers and punct
};

// Stop words shipped with the project (data/stopwords/<lang>.txt, embedded at build time).
bool is_stopword(Lang lang, std::string_view folded_word) noexcept;

class Tokenizer {
 public:
  explicit Tokenizer(Lang lang);
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // Tokens of text[span] (span defaults to all of text), appended to `out`. Spans are offsets
  // into `text`. White space is skipped; punctuation is kept as TokenKind::punct.
  void tokenize(std::string_view text, Span span, std::vector<Token>& out) const;
  std::vector<Token> tokenize(std::string_view text) const;

  // The Snowball stem of an already folded word.
  std::string stem(std::string_view folded_word) const;

  Lang lang() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotekit
