// Private: classification of diff edits (toolkit/drift_classify.cpp), used by diff_tokens().
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "quotekit/drift.hpp"

namespace quotekit::detail {

// What a run of tokens (one side of an edit) holds.
struct RunFacts {
  std::uint32_t words = 0;      // tokens that are not punctuation
  std::uint32_t negations = 0;  // negation markers
  std::vector<std::string> numbers, modals, intensifiers,
      names;  // sorted; numbers and names changed ones only
  bool all_punct = true;
};

// Classifies the edits of one diff. Built once per pair: it learns which capitalized words are
// names from where they occur in either statement.
class EditClassifier {
 public:
  EditClassifier(std::string_view text_a, std::span<const Token> tokens_a, std::string_view text_b,
                 std::span<const Token> tokens_b, Lang lang);

  EditClass classify(const Edit& edit) const;

 private:
  struct Side {
    std::string_view text;
    std::span<const Token> tokens;
  };
  bool is_name(const Side& side, std::uint32_t t) const;
  RunFacts side_facts(const Side& side, std::uint32_t begin, std::uint32_t end) const;
  EditClass classify_run(const Side& side, std::uint32_t begin, std::uint32_t end, bool deleted) const;
  EditClass classify_replace(const Edit& edit) const;

  Side a_;
  Side b_;
  Lang lang_;
  std::unordered_set<std::string> names_;            // norms seen capitalized where no sentence starts
  std::unordered_set<std::string> changed_names_;    // names whose count differs between A and B
  std::unordered_set<std::string> changed_numbers_;  // numbers whose count differs between A and B
};

// Word lists (toolkit/drift_classify.cpp; the negation words are in negation.hpp). `lang`
// unknown checks en, ru and tr together.
// The canonical modal for a modal or hedge ("can't" → "can"), or empty.
std::string_view modal_of(Lang lang, std::string_view norm) noexcept;
bool is_intensifier(Lang lang, std::string_view norm) noexcept;

}  // namespace quotekit::detail
