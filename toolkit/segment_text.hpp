// segment_text.hpp — private: UTF-8 stepping and the character classes the segmenter needs.
// Everything works on byte offsets into the document text; ASCII takes a fast path and only
// other code points go to ICU's property tables.
#pragma once

#include <unicode/uchar.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace quotekit::detail {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[i] and advances i past it. Invalid or truncated sequences decode
// to U+FFFD and advance by one byte, so every position reached stays inside the text.
inline char32_t next_cp(std::string_view s, std::size_t& i) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  std::size_t n = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
    n = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
    n = 3;
    cp = c & 0x07;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + n >= s.size()) {
    ++i;
    return kReplacement;
  }
  for (std::size_t k = 1; k <= n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += n + 1;
  return cp;
}

// The code point ending just before s[i] (i > 0); moves i back to its first byte.
inline char32_t prev_cp(std::string_view s, std::size_t& i) noexcept {
  std::size_t j = i - 1;
  std::size_t k = 0;
  while (j > 0 && k < 3 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) {
    --j;
    ++k;
  }
  std::size_t t = j;
  const char32_t cp = next_cp(s, t);
  if (t != i) {  // not a well-formed sequence ending at i: step back one byte
    --i;
    return kReplacement;
  }
  i = j;
  return cp;
}

// The code point at i without moving.
inline char32_t cp_at(std::string_view s, std::size_t i) noexcept { return next_cp(s, i); }
// The code point ending at i without moving (i > 0).
inline char32_t cp_before(std::string_view s, std::size_t i) noexcept { return prev_cp(s, i); }

inline bool is_space(char32_t c) noexcept {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return c == 0x200B || c == 0xFEFF || u_isUWhiteSpace(static_cast<UChar32>(c));
}
// A paragraph separator: line feed, carriage return, form feed, vertical tab, NEL, LS, PS.
inline bool is_para_break(char32_t c) noexcept {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}
inline bool is_letter(char32_t c) noexcept {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}
inline bool is_digit(char32_t c) noexcept {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(static_cast<UChar32>(c)) != 0;
}
inline bool is_alnum(char32_t c) noexcept { return is_letter(c) || is_digit(c); }
inline bool is_upper(char32_t c) noexcept {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
inline bool is_lower(char32_t c) noexcept {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(static_cast<UChar32>(c)) != 0;
}
// . ? ! … and the doubled forms ‼ ⁇ ⁈ ⁉.
inline bool is_final_punct(char32_t c) noexcept {
  return c == '.' || c == '?' || c == '!' || c == 0x2026 || (c >= 0x203C && c <= 0x2049 && c != 0x203D);
}
// Characters that may close a sentence after its final punctuation: closing quotes and brackets.
inline bool is_closer(char32_t c) noexcept {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x201D:
    case 0x2019:
    case 0x00BB:
    case 0x203A:
    case 0x201C:
      return true;
    default:
      return false;
  }
}
inline bool is_quote_char(char32_t c) noexcept {
  switch (c) {
    case '"':
    case '\'':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2018:
    case 0x2019:
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}
inline bool is_opener(char32_t c) noexcept {
  switch (c) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case 0x201C:
    case 0x201E:
    case 0x2018:
    case 0x00AB:
    case 0x2039:
      return true;
    default:
      return false;
  }
}
// Dashes that mark a speaker turn: hyphen-minus, en dash, em dash, horizontal bar.
inline bool is_dash(char32_t c) noexcept { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015; }

// A small set of bytes to scan for. The hot loops look at eight bytes at a time and skip a word
// holding none of them (the SWAR "has zero byte" test on word ^ pattern), so only the few places
// that can start something get a closer look, in any script. L is the size of the string literal
// that lists the bytes (its NUL included), so the per-word loop has a fixed length and unrolls.
template <std::size_t L>
struct ByteSet {
  static constexpr std::size_t kCount = L - 1;
  bool on[256] = {};
  std::uint64_t pattern[kCount] = {};  // each member repeated in all eight bytes
  constexpr explicit ByteSet(const char (&bytes)[L]) {
    for (std::size_t k = 0; k < kCount; ++k) {
      const auto b = static_cast<unsigned char>(bytes[k]);
      on[b] = true;
      pattern[k] = 0x0101010101010101ULL * b;
    }
  }
};
template <std::size_t L>
inline std::size_t find_byte(std::string_view s, std::size_t i, std::size_t end,
                             const ByteSet<L>& set) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = s.data();
  while (i + 8 <= end) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    std::uint64_t hit = 0;
    for (std::size_t k = 0; k < ByteSet<L>::kCount; ++k) {
      const std::uint64_t y = x ^ set.pattern[k];
      hit |= (y - kOnes) & ~y;
    }
    if ((hit & kHigh) != 0) {
      for (std::size_t k = 0; k < 8; ++k) {
        if (set.on[static_cast<unsigned char>(p[i + k])]) return i + k;
      }
    }
    i += 8;
  }
  while (i < end && !set.on[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}
// The three-byte UTF-8 sequence E2 80 xx at i (general punctuation: dashes, quotes, …).
inline bool e2_80(std::string_view s, std::size_t i, std::size_t end, unsigned char lo,
                  unsigned char hi) noexcept {
  if (i + 2 >= end) return false;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  return static_cast<unsigned char>(s[i]) == 0xE2 && b1 == 0x80 && b2 >= lo && b2 <= hi;
}

inline std::size_t skip_space(std::string_view s, std::size_t i, std::size_t end) noexcept {
  while (i < end) {
    std::size_t j = i;
    if (!is_space(next_cp(s, j))) break;
    i = j;
  }
  return i;
}
inline std::size_t skip_space_back(std::string_view s, std::size_t begin, std::size_t i) noexcept {
  while (i > begin) {
    std::size_t j = i;
    if (!is_space(prev_cp(s, j))) break;
    i = j;
  }
  return i;
}

// Simple case folding of a UTF-8 word into `out` (cleared first); for look-ups in word lists.
inline void fold_word(std::string_view word, std::string& out) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {  // the common case, without per-byte growth
    out.resize(word.size());
    for (std::size_t k = 0; k < word.size(); ++k) {
      const char c = word[k];
      out[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c;
    }
    return;
  }
  out.clear();
  std::size_t i = 0;
  while (i < word.size()) {
    const char32_t c = next_cp(word, i);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 0x20 : c));
      continue;
    }
    auto f = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    if (f == 0x0131 || f == 0x0130) f = 'i';  // Turkish ı and İ fold with i: lists need one spelling
    if (f < 0x80) {
      out.push_back(static_cast<char>(f));
      continue;
    }
    if (f < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (f >> 6)));
    } else {
      if (f < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (f >> 12)));
      } else {
        out.push_back(static_cast<char>(0xF0 | (f >> 18)));
        out.push_back(static_cast<char>(0x80 | ((f >> 12) & 0x3F)));
      }
      out.push_back(static_cast<char>(0x80 | ((f >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (f & 0x3F)));
  }
}

}  // namespace quotekit::detail
