// sentence_break.cpp — ICU's sentence break positions, found without ICU for the common case.
//
// ICU's RuleBasedBreakIterator costs ~85 instructions a byte over UTF-8 UText, three quarters of
// segment(). The rules themselves (UAX #29, ICU's sent.txt) are simple: a boundary can only
// follow a paragraph separator (SB4) or a terminator with its closing marks and spaces (SB11),
// and a handful of look-ahead rules cancel the latter (SB6-SB8a). This file applies them
// directly, with ICU's own Sentence_Break property values, and hands a paragraph to ICU
// whenever it holds something the scanner leaves out: Extend and Format characters (SB5 makes
// them invisible to the rules) and ill-formed UTF-8. Paragraphs are independent (nothing looks
// across a separator), so the result is the same as one ICU pass over the whole text;
// sentence_break_test.cpp checks that on real text and on random strings.
#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <memory>

#include "segment_internal.hpp"

namespace quotekit::detail {
namespace {

enum SbClass : std::uint8_t {
  kSbOther,
  kSbCR,
  kSbLF,
  kSbSep,
  kSbSp,
  kSbLower,
  kSbUpper,
  kSbOLetter,
  kSbNumeric,
  kSbATerm,
  kSbSTerm,
  kSbClose,
  kSbSContinue,
  kSbUnsupported,  // Extend, Format, ill-formed UTF-8: the paragraph goes to ICU
};

SbClass sb_class_of(UChar32 c) noexcept {
  switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
    case U_SB_CR:
      return kSbCR;
    case U_SB_LF:
      return kSbLF;
    case U_SB_SEP:
      return kSbSep;
    case U_SB_SP:
      return kSbSp;
    case U_SB_LOWER:
      return kSbLower;
    case U_SB_UPPER:
      return kSbUpper;
    case U_SB_OLETTER:
      return kSbOLetter;
    case U_SB_NUMERIC:
      return kSbNumeric;
    case U_SB_ATERM:
      return kSbATerm;
    case U_SB_STERM:
      return kSbSTerm;
    case U_SB_CLOSE:
      return kSbClose;
    case U_SB_SCONTINUE:
      return kSbSContinue;
    case U_SB_EXTEND:
    case U_SB_FORMAT:
      return kSbUnsupported;
    default:
      return kSbOther;
  }
}

// Classes of U+0000..U+2FFF (Latin, Greek, Cyrillic, ..., general punctuation), built once;
// other code points ask ICU.
constexpr UChar32 kSbTableSize = 0x3000;

const std::array<SbClass, kSbTableSize>& sb_table() {
  static const std::array<SbClass, kSbTableSize> table = [] {
    std::array<SbClass, kSbTableSize> t{};
    for (UChar32 c = 0; c < kSbTableSize; ++c) t[static_cast<std::size_t>(c)] = sb_class_of(c);
    return t;
  }();
  return table;
}

inline bool is_para_sep(SbClass c) noexcept { return c == kSbCR || c == kSbLF || c == kSbSep; }
inline bool is_saterm(SbClass c) noexcept { return c == kSbATerm || c == kSbSTerm; }

class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : p_(reinterpret_cast<const std::uint8_t*>(text.data())),
        n_(static_cast<std::int32_t>(text.size())),
        table_(sb_table()) {}

  // The class of the code point at i and its length.
  [[gnu::always_inline]] SbClass at(std::int32_t i, std::int32_t& len) const noexcept {
    const std::uint8_t b = p_[i];
    if (b < 0x80) {
      len = 1;
      return table_[b];
    }
    if (b >= 0xC2 && b < 0xE0 && i + 1 < n_ && (p_[i + 1] & 0xC0) == 0x80) {  // Latin, Cyrillic, ...
      len = 2;
      return table_[static_cast<std::size_t>((b & 0x1F) << 6 | (p_[i + 1] & 0x3F))];
    }
    return at_slow(i, len);
  }
  [[gnu::noinline]] SbClass at_slow(std::int32_t i, std::int32_t& len) const noexcept {
    std::int32_t k = i;
    UChar32 c;
    U8_NEXT(p_, k, n_, c);
    len = k - i;
    if (c < 0) return kSbUnsupported;
    return c < kSbTableSize ? table_[static_cast<std::size_t>(c)] : sb_class_of(c);
  }

  // The class of the code point ending at i (i > 0, text before i already scanned and valid).
  SbClass before(std::int32_t i) const noexcept {
    if (p_[i - 1] < 0x80) return table_[p_[i - 1]];
    UChar32 c;
    U8_PREV(p_, 0, i, c);
    if (c < 0) return kSbUnsupported;
    return c < kSbTableSize ? table_[static_cast<std::size_t>(c)] : sb_class_of(c);
  }

  // The first byte at or after i that is not plain ASCII (other than . ? ! CR LF), or n. Eight
  // bytes at a time: the SWAR "has zero byte" test on word ^ pattern, plus the high bits.
  std::int32_t skip_plain(std::int32_t i) const noexcept {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    while (i + 8 <= n_) {
      std::uint64_t x;
      std::memcpy(&x, p_ + i, 8);
      const auto zero_in = [](std::uint64_t y) { return (y - kOnes) & ~y; };
      const std::uint64_t hit = x | zero_in(x ^ (kOnes * '.')) | zero_in(x ^ (kOnes * '?')) |
                                zero_in(x ^ (kOnes * '!')) | zero_in(x ^ (kOnes * '\n')) |
                                zero_in(x ^ (kOnes * '\r'));
      if ((hit & kHigh) != 0) break;
      i += 8;
    }
    while (i < n_) {
      const std::uint8_t b = p_[i];
      if (b >= 0x80 || b == '.' || b == '?' || b == '!' || b == '\n' || b == '\r') break;
      ++i;
    }
    return i;
  }

  // One past the paragraph separator at or after i (CR LF counts as one), or the end.
  std::int32_t paragraph_end(std::int32_t i) const noexcept {
    while (i < n_) {
      std::int32_t len = 0;
      const SbClass c = at(i, len);
      i += len;
      if (is_para_sep(c)) {
        if (c == kSbCR && i < n_ && p_[i] == '\n') ++i;
        return i;
      }
    }
    return n_;
  }

  // Boundaries of text[from, n) (from starts a paragraph), appended to out, until the end or
  // the first paragraph the scanner cannot handle; returns where that paragraph starts (n if
  // none). Boundaries of that paragraph already appended are removed.
  std::int32_t scan(std::int32_t from, std::vector<std::uint32_t>& out) const {
    std::int32_t para = from;
    std::size_t mark = out.size();
    std::int32_t i = from;
    while ((i = skip_plain(i)) < n_) {
      std::int32_t len = 1;
      SbClass c = at(i, len);
      // A run of other code points (a Cyrillic word, a quote mark, ...) is walked here rather than
      // handed back to skip_plain() after each one.
      while (c != kSbUnsupported && !is_para_sep(c) && !is_saterm(c)) {
        i += len;
        if (i >= n_ || p_[i] < 0x80) break;
        c = at(i, len);
      }
      if (c == kSbUnsupported) break;
      if (!is_para_sep(c) && !is_saterm(c)) continue;
      if (is_para_sep(c)) {  // SB3, SB4
        i += len;
        if (c == kSbCR && i < n_ && p_[i] == '\n') ++i;
        if (i < n_) out.push_back(static_cast<std::uint32_t>(i));
        para = i;
        mark = out.size();
        continue;
      }
      // A terminator at i: SATerm Close* Sp*, then what follows decides (SB6-SB11).
      const bool aterm = c == kSbATerm;
      const std::int32_t term_end = i + len;
      std::int32_t e = term_end;
      SbClass next = kSbOther;
      bool closes = true;
      while (e < n_) {
        next = at(e, len);
        if (next == kSbClose && closes) {
          e += len;
        } else if (next == kSbSp) {
          closes = false;
          e += len;
        } else {
          break;
        }
      }
      if (next == kSbUnsupported) break;
      if (e >= n_) return n_;  // no boundary at the end of the text
      bool keep_going = is_para_sep(next) || is_saterm(next) || next == kSbSContinue;  // SB8a, SB9-10
      if (!keep_going && aterm) {
        if (e == term_end) {
          if (next == kSbNumeric) {
            keep_going = true;  // SB6: "3.5"
          } else if (next == kSbUpper && i > para) {
            const SbClass prev = before(i);
            keep_going = prev == kSbUpper || prev == kSbLower;  // SB7: "U.S"
          }
        }
        if (!keep_going) {  // SB8: skip to the next letter, terminator or separator; lowercase?
          std::int32_t k = e;
          while (k < n_) {
            const SbClass d = at(k, len);
            if (d == kSbUnsupported) {
              out.resize(mark);
              return para;
            }
            if (d == kSbOLetter || d == kSbUpper || d == kSbLower || is_para_sep(d) || is_saterm(d)) {
              keep_going = d == kSbLower;
              break;
            }
            k += len;
          }
        }
      }
      if (!keep_going) out.push_back(static_cast<std::uint32_t>(e));  // SB11
      i = e;
    }
    if (i >= n_) return n_;
    out.resize(mark);
    return para;
  }

 private:
  const std::uint8_t* p_;
  std::int32_t n_;
  const std::array<SbClass, kSbTableSize>& table_;
};

icu::BreakIterator& iterator_for(Lang lang) {
  // One iterator per language per thread: creating one costs far more than a whole paragraph.
  thread_local std::array<std::unique_ptr<icu::BreakIterator>, 3> cache;
  const std::size_t slot = lang == Lang::ru ? 1 : lang == Lang::tr ? 2 : 0;
  auto& it = cache[slot];
  if (!it) {
    // Plain rules: CLDR's suppressions are applied by sentence_boundaries.
    const char* locale = slot == 1 ? "ru" : slot == 2 ? "tr" : "en";
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(locale), status));
    if (U_FAILURE(status) || !it) {
      it.reset();
      throw Error(fmt::format("cannot create the ICU sentence break iterator for '{}': {}", locale,
                              u_errorName(status)));
    }
  }
  return *it;
}

// ICU's boundaries inside text[a, b), appended to out (b itself too when it is not the end).
void icu_breaks(icu::BreakIterator& bi, std::string_view text, std::size_t a, std::size_t b,
                std::vector<std::uint32_t>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data() + a, static_cast<int64_t>(b - a), &status);
  bi.setText(&ut, status);
  if (U_FAILURE(status)) {
    utext_close(&ut);
    throw Error(fmt::format("ICU sentence break failed: {}", u_errorName(status)));
  }
  for (int32_t q = bi.next(); q != icu::BreakIterator::DONE; q = bi.next()) {
    const std::size_t pos = a + static_cast<std::size_t>(q);
    if (pos >= text.size()) break;
    out.push_back(static_cast<std::uint32_t>(pos));
  }
  // Leave no pointer to the caller's text in the cached iterator.
  UText empty = UTEXT_INITIALIZER;
  UErrorCode ignore = U_ZERO_ERROR;
  utext_openUTF8(&empty, "", 0, &ignore);
  bi.setText(&empty, ignore);
  utext_close(&empty);
  utext_close(&ut);
}

}  // namespace

void sentence_breaks(std::string_view text, Lang lang, std::vector<std::uint32_t>& out, bool fast_path) {
  out.clear();
  if (text.empty()) return;
  if (!fast_path) {
    icu_breaks(iterator_for(lang), text, 0, text.size(), out);
    return;
  }
  const Scanner scanner(text);
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while ((i = scanner.scan(i, out)) < n) {
    const std::int32_t end = scanner.paragraph_end(i);
    icu_breaks(iterator_for(lang), text, static_cast<std::size_t>(i), static_cast<std::size_t>(end), out);
    i = end;
  }
}

}  // namespace quotekit::detail
