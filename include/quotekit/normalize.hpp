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
  bool fold_case = true;       // full case folding (ß→ss); Turkish I→ı under tr; İ→i always
  bool fold_yo = true;         // ё→е, Ё→Е; in every language (ё only occurs in Cyrillic text)
  bool transliterate = false;  // to Latin, then ASCII: the scheme of Normalizer::to_latin
};

// Normalized text plus, for every byte of it, the original byte offset it came from.
// Normalization works on chunks that NFKC treats independently (a code point with the combining
// marks that follow it); every output byte of a chunk maps to the chunk's first input byte.
struct Normalized {
  std::string text;
  std::vector<std::uint32_t> origin;  // size text.size() + 1; origin[text.size()] == input end

  // The original span that normalized bytes [s.start, s.end) came from: from the start of the
  // chunk holding byte s.start to the end of the chunk holding byte s.end - 1, so slicing the
  // original there and normalizing again gives the same text (plus removed invisible characters
  // at the edge, which normalize to nothing). Out-of-range spans are clamped.
  Span to_original(Span s) const noexcept;
};

// Canonical forms, so that typography never decides whether two statements match:
//  - double quotes “ ” „ ‟ « » ‹ › ″ ＂ become ";
//  - single quotes and look-alikes ‘ ’ ‚ ‛ ` ´ ′ become ' between two letters (Azerbaijan’s,
//    don’t, Türkiye’nin) and " elsewhere (‘Karabakh is Armenia’); ʼ ʻ are always '; an ASCII '
//    stays ' (far more often an apostrophe than a quote);
//  - dashes ‐ ‑ ‒ – — ― − ⁃ ⸺ ⸻ ﹘ ﹣ － become - (ASCII hyphen-minus stays);
//  - space separators (NBSP, thin, narrow NBSP, figure, ideographic, ...) become U+0020; tabs
//    and line breaks are kept;
//  - default-ignorable characters are removed: zero-width space/joiners, word joiner, BOM, soft
//    hyphen, bidi marks, variation selectors;
//  - invalid UTF-8 reads as U+FFFD, one per bad sequence (Document text is already valid).
//
// Not thread-safe: a Normalizer keeps scratch buffers and an ICU transliterator; use one per
// thread. Construction is cheap (the per-code-point tables are built once per configuration and
// shared), except with `transliterate`, which creates an ICU transliterator (~1 ms).
class Normalizer {
 public:
  explicit Normalizer(Lang lang, NormalizeOptions options = {});
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  // Full normalization with the offset map. `base` is added to every origin offset, so a
  // token's normalization maps straight into the document.
  Normalized normalize(std::string_view text, std::uint32_t base = 0) const;

  // The same text as normalize().text, without the map; the tokenizer calls it on every token.
  // Pure ASCII (without ` and, under tr, without I) is lower-cased in place without ICU.
  std::string fold(std::string_view text) const;
  void fold(std::string_view text, std::string& out) const;  // appends to out

  // Latin transliteration for cross-script name matching, always case-folded, with apostrophes
  // removed: "Алиев" → "aliev", "Пашинян" → "pashinyan", "Ильхам" → "ilkham", "Türkiye" →
  // "turkiye", "Azerbaijan’s" → "azerbaijans". Russian letters use a fixed scheme close to the
  // English press spelling (ж zh, х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya, й/ы y, е/ё/э e;
  // ъ and ь vanish, so no apostrophes); other scripts go through ICU Any-Latin; then Latin-ASCII
  // (ü→u, ş→s, ı→i). Note that the press often writes е as "ye" (Aliyev): compare names with
  // some tolerance.
  std::string to_latin(std::string_view text) const;

  Lang lang() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quotekit
