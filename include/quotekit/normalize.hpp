// quotekit/normalize.hpp — one comparable form of text: NFKC, language-aware case folding
// (Turkish İ/ı), canonical quotes, dashes and spaces, no zero-width characters or soft
// hyphens, ё→е for Russian; optionally transliterated to Latin. Keeps the map back to the
// original bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"

namespace quotekit {

struct NormalizeOptions {
  bool fold_case = true;       // full case folding; Turkish rules when lang == tr
  bool fold_yo = true;         // ё→е (and Ё→Е) for Russian text
  bool transliterate = false;  // to Latin (Russian-Latin/BGN for Cyrillic), then ASCII-folded
};

// Normalized text plus, for every byte of it, the original byte offset it came from.
struct Normalized {
  std::string text;
  std::vector<std::uint32_t> origin;  // size text.size() + 1; origin[text.size()] == input end

  // The original span that normalized bytes [s.start, s.end) came from.
  Span to_original(Span s) const noexcept;
};

// Canonical forms: every quote (“ ” « » „ ‘ ’ ` ″ ") becomes ", every apostrophe-like ’ ' becomes
// ', every dash (— – ‒ ― −, and hyphen-minus used as a dash) becomes -, every space (NBSP,
// thin, figure, ideographic) becomes U+0020.
class Normalizer {
 public:
  explicit Normalizer(Lang lang, NormalizeOptions options = {});
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  // Full normalization with the offset map. `base` is added to every origin offset, so a
  // token's normalization maps straight into the document.
  Normalized normalize(std::string_view text, std::uint32_t base = 0) const;

  // The same text as normalize().text, without the map; fast path for ASCII.
  std::string fold(std::string_view text) const;
  void fold(std::string_view text, std::string& out) const;  // appends to out

  // Latin transliteration for cross-script name matching: "Алиев" → "aliev", "Türkiye" →
  // "turkiye". Lower-case ASCII where the script allows.
  std::string to_latin(std::string_view text) const;

  Lang lang() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotekit
