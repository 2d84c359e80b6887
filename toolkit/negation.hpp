// negation.hpp (private) — the words that negate a claim in English, Russian and Turkish, shared
// by the drift classifier (a negation added or dropped) and the verification score (a statement
// and its negation are not the same claim; it asks about English and Russian only, since a
// Turkish list misses the negation inside the verb).
//
// Known gap, on purpose: Turkish verb negation (-ma/-me: "gelmedi") lives inside the verb and
// needs morphology; only the free-standing words are listed. Russian is the particle list only.
#pragma once

#include <string_view>

#include "quotekit/base.hpp"

namespace quotekit::detail {

// `norm` is a token's folded form (Token::norm); a typographic apostrophe (’) counts as '.
// English: not, no, never, none, nobody, nothing, neither, nor, without, cannot, and every word
// ending in n't ("didn't", "won't"). `lang` unknown or other checks all three lists.
bool is_negation_word(Lang lang, std::string_view norm) noexcept;

}  // namespace quotekit::detail
