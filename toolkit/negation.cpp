#include "negation.hpp"

#include <algorithm>
#include <array>

namespace quotekit::detail {
namespace {

using std::string_view_literals::operator""sv;

constexpr std::array kNegationEn = {"not"sv,     "no"sv,  "never"sv,   "none"sv,   "nobody"sv, "nothing"sv,
                                    "neither"sv, "nor"sv, "without"sv, "cannot"sv, "n't"sv};
constexpr std::array kNegationRu = {"не"sv, "нет"sv, "ни"sv, "никогда"sv, "без"sv, "нельзя"sv};
constexpr std::array kNegationTr = {"değil"sv, "yok"sv, "hiç"sv, "asla"sv};

bool uses(Lang lang, Lang list) noexcept {
  return lang == list || lang == Lang::unknown || lang == Lang::other;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view w) noexcept {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// "didn't", "won't", and "didn’t" with a typographic apostrophe (the tokenizer folds it to ',
// but callers may hand in raw text).
bool ends_with_nt(std::string_view w) noexcept {
  return (w.size() > 3 && w.ends_with("n't")) || (w.size() > 5 && w.ends_with("n\u2019t"));
}

}  // namespace

bool is_negation_word(Lang lang, std::string_view norm) noexcept {
  // Called for every word of every statement: reject most words on their first byte. Every
  // listed word starts with one of these (н and б are 0xD0 0xBD / 0xD0 0xB1 in UTF-8); any
  // word may end in n't.
  if (norm.empty()) return false;
  switch (norm[0]) {
    case 'n':
    case 'w':
    case 'c':
    case 'd':
    case 'y':
    case 'h':
    case 'a':
    case '\xD0':
      break;
    default:
      return uses(lang, Lang::en) && ends_with_nt(norm);
  }
  if (uses(lang, Lang::en) && (contains(kNegationEn, norm) || norm == "n\u2019t" || ends_with_nt(norm)))
    return true;
  if (uses(lang, Lang::ru) && contains(kNegationRu, norm)) return true;
  return uses(lang, Lang::tr) && contains(kNegationTr, norm);
}

}  // namespace quotekit::detail
