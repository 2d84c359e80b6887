// wordbreak.hpp (private) — ICU word segmentation with an ASCII fast path, shared by the
// tokenizer and its tests. Implemented in tokenize.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"

namespace quotekit::detail {

// One segment between two word boundaries: byte offsets into the text, ICU rule status
// (UBRK_WORD_NONE 0..99, NUMBER 100..199, LETTER 200..299, KANA, IDEO).
struct WordSegment {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::int32_t status = 0;
  friend bool operator==(const WordSegment&, const WordSegment&) = default;
};

// ICU's word BreakIterator for a language over UTF-8 UText (indexes are byte offsets).
// Pure-ASCII stretches that start and end at white space are segmented by a small scanner that
// implements the same UAX #29 rules as ICU 72 for ASCII (tests compare the two on real text
// and random strings); everything else goes to ICU, restarted at the white space before it, so
// the result is the same as one ICU pass over the whole span. Not thread-safe.
class WordBreaker {
 public:
  explicit WordBreaker(Lang lang);
  ~WordBreaker();
  WordBreaker(const WordBreaker&) = delete;
  WordBreaker& operator=(const WordBreaker&) = delete;

  // Appends the segments of text[span] (span must lie inside text) to `out`. skip_gaps leaves
  // out the segments that are a single ASCII space, the gap between most words, which the
  // tokenizer would only skip.
  void segments(std::string_view text, Span span, std::vector<WordSegment>& out, bool fast_path = true,
                bool skip_gaps = false);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotekit::detail
