// Test-only helpers for the align and drift tests: a tiny word splitter standing in for
// quotekit::Tokenizer while that stage is written on another branch, and file readers.
// Not a tokenizer: no ICU, no Snowball, ASCII case folding only, a crude English suffix cut for
// stems. Replace with the real Tokenizer once main has it.
#pragma once

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit::testing {

inline bool test_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Typographic punctuation that must come out as a token of its own, not glued to a word.
inline std::size_t test_punct_length(std::string_view text, std::size_t i) {
  for (std::string_view p :
       {"\u201C", "\u201D", "\u2018", "\u2019", "\u2013", "\u2014", "\u00AB", "\u00BB", "\u2026"}) {
    if (text.substr(i, p.size()) == p) return p.size();
  }
  return 0;
}

inline std::string test_stem(const std::string& w) {
  for (std::string_view suffix : {"ing", "ed", "es", "s"}) {
    if (w.size() >= suffix.size() + 3 && w.ends_with(suffix)) return w.substr(0, w.size() - suffix.size());
  }
  return w;
}

inline bool test_stop(std::string_view w) {
  for (std::string_view s :
       {"the", "a",   "an",   "of",   "and", "to",  "in", "that", "is", "it", "i",  "we", "they",
        "on",  "for", "this", "with", "as",  "was", "he", "she",  "be", "by", "at", "or"}) {
    if (w == s) return true;
  }
  return false;
}

// Words (letters, digits, inner apostrophes, any non-ASCII byte that is not typographic
// punctuation), numbers (digits with inner , or .; norm without the thousands commas) and
// one-character punctuation tokens, over text[span].
inline std::vector<Token> split_words_for_tests(std::string_view text, Span span) {
  std::vector<Token> out;
  std::size_t i = span.start;
  while (i < span.end) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    Token t;
    if (std::size_t p = test_punct_length(text, i); p > 0 || !test_word_byte(c)) {
      const std::size_t len = p > 0 ? p : 1;
      t.span = Span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len)};
      t.kind = TokenKind::punct;
      t.norm = std::string(text.substr(i, len));
      if (t.norm == "\u201C" || t.norm == "\u201D" || t.norm == "\u00AB" || t.norm == "\u00BB") t.norm = "\"";
      if (t.norm == "\u2013" || t.norm == "\u2014") t.norm = "-";
      t.stem = t.norm;
      out.push_back(std::move(t));
      i += len;
      continue;
    }
    std::size_t j = i;
    bool digits = true;
    while (j < span.end) {
      const auto d = static_cast<unsigned char>(text[j]);
      if (test_punct_length(text, j) > 0 && !(text.substr(j, 3) == "\u2019" && j + 3 < span.end &&
                                              std::isalpha(static_cast<unsigned char>(text[j + 3])))) {
        break;
      }
      if (test_word_byte(d)) {
        digits = digits && std::isdigit(d);
        j += text.substr(j, 3) == "\u2019" ? 3 : 1;
        continue;
      }
      // inner apostrophe, or , . between digits
      const bool inner = j + 1 < span.end && test_word_byte(static_cast<unsigned char>(text[j + 1]));
      if (inner && d == '\'') {
        digits = false;
        ++j;
        continue;
      }
      if (inner && digits && (d == ',' || d == '.') &&
          std::isdigit(static_cast<unsigned char>(text[j + 1]))) {
        ++j;
        continue;
      }
      break;
    }
    t.span = Span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
    const std::string_view word = text.substr(i, j - i);
    if (digits) {
      t.kind = TokenKind::number;
      for (char ch : word) {
        if (ch != ',') t.norm += ch;
      }
      t.stem = t.norm;
    } else {
      for (char ch : word) t.norm += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      t.stem = test_stem(t.norm);
      t.stop = test_stop(t.norm);
    }
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

inline std::vector<Token> split_words_for_tests(std::string_view text) {
  return split_words_for_tests(text, Span{0, static_cast<std::uint32_t>(text.size())});
}

inline std::string read_test_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace quotekit::testing
