// Hand-built tokens for unit tests of the stages after tokenizing (fingerprint, score, cluster),
// so that those tests do not depend on the real Tokenizer's stemmer and stop lists: words are
// ASCII letters and digits (digits alone make numbers), any other character (a whole UTF-8
// sequence) is punctuation; norms are lower-cased; stem = norm minus a final "s" (words over
// three letters); `stop` lists the stop words. Spans index into `text`.
#pragma once

#include <cctype>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/tokenize.hpp"

namespace quotekit::toy_testing {

inline std::vector<Token> toy_tokens(std::string_view text, const std::set<std::string, std::less<>>& stop) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    Token t;
    std::size_t j = i + 1;
    if (std::isalnum(c)) {
      while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
      t.kind = std::isdigit(c) ? TokenKind::number : TokenKind::word;
    } else {
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
      t.kind = TokenKind::punct;
    }
    t.span = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
    for (std::size_t k = i; k < j; ++k)
      t.norm += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    t.stem = t.norm;
    if (t.kind == TokenKind::word && t.stem.size() > 3 && t.stem.back() == 's') t.stem.pop_back();
    t.stop = t.kind == TokenKind::word && stop.count(t.norm) > 0;
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

}  // namespace quotekit::toy_testing
