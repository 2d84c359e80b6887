// numbers.hpp (private) — canonical numbers for the tokenizer: digit strings with language-aware
// group and decimal separators, number words (0–20, tens, hundreds) and scale words (thousand,
// тысяч, bin, million, млн, milyon, ...), merged into one token with one canonical decimal value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit::detail {

// mant × 10^exp, exact. Big enough for "3 trillion" and for 19 significant digits.
struct Decimal {
  std::uint64_t mant = 0;
  std::int32_t exp = 0;
};

// "1500000", "1.5", "0.25": no leading zeros, no trailing fractional zeros, '.' as the point.
std::string to_string(Decimal d);

// A folded digit string as ICU word break returns it: "100", "100,000", "1.5", "1,5",
// "3.000.000", "100 000" (NFKC turns U+202F/NBSP into a space). en reads ',' as the group and '.'
// as the decimal separator, ru/tr the other way round; when the language's reading does not fit
// (en "1,5"; ru "1.5") the other one is tried. Groups after the first have exactly 3 digits.
// nullopt for anything else ("27.09.2020", "1;2", more than 19 significant digits).
std::optional<Decimal> parse_numeral(std::string_view folded, Lang lang);

enum class NumClass : std::uint8_t {
  none,
  unit,      // 0..9            one, два/две, iki
  teen,      // 10..19          ten, eleven, одиннадцать (tr "on" is tens: "on bir" = 11)
  tens,      // 20..90          twenty, двадцать, yirmi
  hundreds,  // 100..900 valued сто, двести, ..., девятьсот
  hundred,   // ×100            hundred, yüz
  scale,     // ×10^3..10^12    thousand, тысяч, bin, million, млн, milyon, ...
  article,   // 1 only inside a phrase: Turkish "bir" is also the indefinite article
  half,      // 1.5             полтора, полторы, полутора
};

struct NumberWord {
  NumClass cls = NumClass::none;
  Decimal value;              // for scale: 1 × 10^k
  bool implicit_one = false;  // scale word that means "one thousand" alone (tr bin, ru тысяча)
};

// The number word `folded` is in `lang` (unknown/other: any of en, ru, tr), or cls == none.
NumberWord number_word(std::string_view folded, Lang lang) noexcept;

// Rewrites tokens[first..] in place: number tokens get canonical norms; runs such as
// "100 000", "1.5 million", "2 млн", "iki yüz elli", "twenty-five" become one number token whose
// span covers all parts. `text` is the text the spans point into. `words`, when given, holds
// number_word() of every token from `first` on (the tokenizer caches it per word form).
void merge_numbers(std::string_view text, Lang lang, std::vector<Token>& tokens, std::size_t first,
                   const NumberWord* words = nullptr);

}  // namespace quotekit::detail
