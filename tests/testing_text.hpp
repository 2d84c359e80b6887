// Test-only helpers for the align and drift tests: tokens from the real Tokenizer, and readers
// for test data and the shared corpora.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit::testing {

// One Tokenizer per language for the whole test run (building one loads Snowball and ICU).
inline const Tokenizer& tokenizer_for(Lang lang) {
  static const Tokenizer en(Lang::en), ru(Lang::ru), tr(Lang::tr);
  return lang == Lang::ru ? ru : lang == Lang::tr ? tr : en;
}

inline std::vector<Token> tokens_of(std::string_view text, Lang lang = Lang::en) {
  return tokenizer_for(lang).tokenize(text);
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

// Runs `f`, which must throw InputError, and returns the error (a test failure if it does not).
inline InputError expect_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", kNoOffset, "", "");
}

}  // namespace quotekit::testing
