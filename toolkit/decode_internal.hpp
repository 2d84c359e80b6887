// toolkit/decode_internal.hpp — UTF-8 checking and encoding names shared by decode.cpp and
// corpus.cpp. Private to the library (not installed, no ICU in here).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "quotekit/base.hpp"

namespace quotekit::detail {

inline constexpr std::size_t kNotFound = std::string_view::npos;

// Length (1..4) of the well-formed UTF-8 sequence at the start of `p` (`avail` > 0 bytes), or 0
// when it is ill-formed; then `*subpart` receives the length of its "maximal subpart" (Unicode
// §3.9, the unit that gets one U+FFFD) and `*cut_off` whether the input ended inside it.
int utf8_sequence(const unsigned char* p, std::size_t avail, int* subpart, bool* cut_off) noexcept;

// The same for s[i] (i < s.size()), when only the length matters: 1..4, or 0 if ill-formed.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  int subpart = 0;
  bool cut_off = false;
  return static_cast<std::size_t>(
      utf8_sequence(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i, &subpart, &cut_off));
}

// Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes`, or kNotFound.
// Skips ASCII eight bytes at a time, so valid ASCII-heavy text runs near memory speed.
std::size_t find_invalid_utf8(std::string_view bytes) noexcept;

// What a full pass over not-quite-UTF-8 bytes finds; decode() uses it to tell damaged UTF-8
// (many valid multi-byte sequences) from a legacy 8-bit encoding (almost none).
struct Utf8Census {
  std::size_t multibyte = 0;  // well-formed sequences of 2..4 bytes
  std::size_t invalid = 0;    // ill-formed maximal subparts
};
Utf8Census utf8_census(std::string_view bytes) noexcept;

// Appends `bytes` to `out`, replacing each ill-formed maximal subpart by U+FFFD (the W3C/WHATWG
// practice). Returns the number of replacements.
std::size_t append_utf8_lossy(std::string_view bytes, std::string& out);

// The InputError for the ill-formed sequence starting at bytes[at]. `offset` is what the user
// sees (a byte offset into the file); `prefix` goes before the problem text (e.g. "line 3: ").
InputError invalid_utf8_error(std::string_view source, std::uint64_t offset, std::string_view bytes,
                              std::size_t at, std::string_view prefix = {});

// The canonical name ("UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "windows-1251", "KOI8-R",
// "windows-1254", "ISO-8859-9") for a user-supplied name or alias; "" for "" or "auto" (detect).
// Throws UsageError listing the supported names for anything else.
std::string_view canonical_encoding(std::string_view name);

}  // namespace quotekit::detail
