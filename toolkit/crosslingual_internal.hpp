// Internals of the cross-lingual score, exposed for tests.
#pragma once

#include <string>
#include <string_view>

namespace quotekit::detail {

// Levenshtein distance of two strings of lower-case ASCII letters (Myers' bit-parallel
// algorithm; both truncated to 64 letters).
std::size_t latin_edit_distance(std::string_view a, std::string_view b) noexcept;

// The spelling-normalized form that transliterations are compared in (see crosslingual.cpp):
// letters only, ye→e, kh→h, zh/dzh/dj→j, c→k (not ch), ph→f, w→v, y→i, doubled letters once...
std::string canonical_latin(std::string_view ascii);
void canonical_latin(std::string_view ascii, std::string& out);  // appends

}  // namespace quotekit::detail
