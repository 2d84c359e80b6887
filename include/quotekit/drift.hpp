// quotekit/drift.hpp — diff and drift: how the wording of one statement changed between two
// renderings. A token diff (patience diff on normalized tokens, Myers where patience finds no
// anchor) grouped into whole-word edits, moved phrases found as such, every edit classified
// (number, negation, name, modality, ...), and a drift score that weighs meaning-bearing
// changes far above re-wording.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/align.hpp"
#include "quotekit/base.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

enum class EditOp : std::uint8_t {
  equal,
  replace,
  remove,  // printed "delete" (delete is a C++ keyword)
  insert,
  move,  // the same phrase (>= 2 words) deleted in one place and inserted in another
};

// "equal", "replace", "delete", "insert", "move".
std::string_view to_string(EditOp op) noexcept;

// What an edit changed. The first six are meaning-bearing.
enum class EditClass : std::uint8_t {
  none,         // equal text
  number,       // a number's value changed, or a number was added or dropped (one that only
                //   moved, "26 September" / "September 26", is not a change)
  negation,     // a negation added or dropped (not, n't, never, без, değil, ...)
  name,         // a proper name changed, added or dropped: a word capitalized where no sentence
                //   starts (in either statement), whose count differs between the two and that
                //   is not a spelling variant (edit distance <= 1/3) of another such name
  modality,     // a modal or hedge changed (must → may, reportedly, возможно, belki, ...)
  omission,     // a clause dropped: >= 4 words, or >= 2 words bounded by commas or the ends
  addition,     // a clause added (as omission)
  intensifier,  // absolutely, completely, very, очень, tamamen, ... added, dropped or changed
  move,         // a phrase moved
  word_form,    // one word replaced by another form of it (same stem)
  synonym,      // one word replaced by another (different stem)
  wording,      // other re-wording: short insertions, deletions, multi-word replacements
  punctuation,  // only punctuation changed
};

inline constexpr int kEditClassCount = 13;

// "none", "number", "negation", "name", "modality", "omission", "addition", "intensifier",
// "move", "word_form", "synonym", "wording", "punctuation".
std::string_view to_string(EditClass cls) noexcept;

// number, negation, name, modality, omission, addition.
constexpr bool is_meaning_bearing(EditClass c) noexcept {
  return c == EditClass::number || c == EditClass::negation || c == EditClass::name ||
         c == EditClass::modality || c == EditClass::omission || c == EditClass::addition;
}

struct Edit {
  EditOp op = EditOp::equal;
  EditClass cls = EditClass::none;
  // Original byte spans covering the edit's tokens (into text_a / text_b). An insert has an
  // empty a_span at the insertion point in A (the end of the preceding A token); a delete an
  // empty b_span at the matching point in B.
  Span a_span;
  Span b_span;
  std::string a_text;  // slice(text_a, a_span)
  std::string b_text;  // slice(text_b, b_span)
  // Token index ranges [begin, end) into tokens_a / tokens_b.
  std::uint32_t a_begin = 0, a_end = 0;
  std::uint32_t b_begin = 0, b_end = 0;
};

struct DiffOptions {
  // Leave punctuation tokens out of the comparison: punctuation-only changes disappear.
  bool ignore_punct = false;
  bool find_moves = true;
  // Word lists for classification; unknown uses the en, ru and tr lists together.
  Lang lang = Lang::unknown;
};

// Diffs two token sequences on Token::norm (so case, quotes and number formats do not count:
// the tokenizer's norms are canonical) and returns every edit, equal runs included, in order of
// A. A and B tokens are each covered exactly once, in order, except that a move's B side is
// reported where its A side was. Adjacent delete + insert pairs come out as one replace.
// Throws InputError when a token's span lies outside its text or tokens are out of order.
std::vector<Edit> diff_tokens(std::string_view text_a, std::span<const Token> tokens_a,
                              std::string_view text_b, std::span<const Token> tokens_b,
                              const DiffOptions& options = {});

// Per-class weight in the drift score: negation 4; number, name, modality 3; intensifier 1.5;
// omission, addition 1 per word; wording 0.5 per word; move 0.3 per word; synonym 0.3;
// word_form 0.1; punctuation 0.05. Extent classes (omission, addition, wording, move) count
// every word of the edit's longer side; a point class counts once, and the further words of a
// longer edit count as wording.
double drift_weight(EditClass cls) noexcept;

// Drift of one pair in [0, 1]: the edits' weights summed and divided by the longer side's word
// count (punctuation tokens are not words), capped at 1. 0 for the same wording after
// normalization; a dropped "not" in a 20-word sentence scores 0.2, one synonym 0.015, and two
// unrelated sentences come out near 0.75 (WMT20 ru-en references, line k against line k+37;
// the two human translations of the same line average 0.33).
double drift_score(std::span<const Edit> edits, std::span<const Token> tokens_a,
                   std::span<const Token> tokens_b);

// Everything about one aligned pair.
struct PairDrift {
  std::vector<Edit> edits;
  double score = 0.0;
};

// diff_tokens + drift_score.
PairDrift drift(std::string_view text_a, std::span<const Token> tokens_a, std::string_view text_b,
                std::span<const Token> tokens_b, const DiffOptions& options = {});

// A document pair at a glance.
struct DriftSummary {
  std::array<std::uint32_t, kEditClassCount> counts{};  // non-equal edits per EditClass
  std::uint32_t pairs = 0;                              // pair beads (1-1, 1-2, 2-1, 2-2)
  std::uint32_t omitted = 0;                            // A statements in 1-0 beads
  std::uint32_t added = 0;                              // B statements in 0-1 beads
  std::uint32_t drifted = 0;                            // pairs with a meaning-bearing edit
  double mean_drift = 0.0;                              // over pairs
  double max_drift = 0.0;

  std::uint32_t count(EditClass c) const noexcept { return counts[static_cast<int>(c)]; }
};

// `pairs` holds the drift of each pair bead, in bead order (one entry per pair bead). Throws
// UsageError when the counts disagree.
DriftSummary summarize_drift(std::span<const Bead> beads, std::span<const PairDrift> pairs);

}  // namespace quotekit
