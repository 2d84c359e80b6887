// quotekit/score.hpp — verify: a monolingual score for a candidate pair of statements in the
// same language, robust to paraphrase and re-translation ("No country in the world
// recognizes ..." ~ "No one recognized ... so far"), strict on what changes a claim (numbers),
// mildly strict on names, strict on a denial. Components come back separately so reports can
// say why.
//
//   overlap    IDF-weighted overlap of the two sets of content terms (stems, numbers): a blend
//              of weighted Dice (symmetric, for renderings of similar length) and weighted
//              containment (the shorter one's terms found in the longer, for a sentence quoted
//              inside a longer rendering; trusted less when the shorter one has under five
//              content terms), and for search the query's coverage (ScoreOptions::query_coverage).
//              Rare words count, filler does not.
//   alignment  IDF-weighted longest common subsequence of the content terms, normalized the same
//              way: shared words in the same order (a re-translation) beat a bag of shared words.
//   numbers    agreement of the canonical numbers: 1 equal (or neither has any); 0.9 only one
//              side has numbers; 0.85 one set inside the other (a number omitted); down to 0.45
//              when both sides have numbers the other lacks — "30 years" vs "25 years" is not
//              the same claim.
//   names      names (capitalized words not at a sentence start) that both sides have but do
//              not share: 1 when they agree, when one side has none or its names all appear on
//              the other; down to 0.85 when each names someone the other does not. Mild on
//              purpose: translations spell and inflect names apart, and English capitalizes
//              titles ("Chief Operating Officer"); on MSRP a stronger names factor lowered AUC.
//   negation   0.7 when one side is negated and the other not ("Armenia wants a ceasefire" /
//              "Armenia doesn't want a ceasefire"), else 1. Negated: a negation word (not, n't,
//              never, no, nothing, нет, не, ни, ...; English and Russian only: Turkish negates
//              inside the verb) that is not "not only", "no doubt", "without", the answer "No,"
//              or "not" before a participle outside the main verb (", not allowing"). On the
//              gold set it raised neardup precision at 0.5 from 0.95 to 1.00 and search MRR a
//              little; on MSRP AUC 0.736 → 0.739.
//   total      (0.6·overlap + 0.4·alignment) × numbers × names × negation, in [0, 1].
//
// Fast: everything a pair needs is precomputed per statement into StatementFeatures (sorted
// term ids, the term sequence, sorted number and name hashes), so scoring is a merge of sorted
// arrays plus a small dynamic programme.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quotekit/fingerprint.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

inline constexpr std::uint32_t kUnknownTerm = 0xFFFFFFFF;

// Document frequencies of content terms over the statements of a corpus — the corpus itself is
// the reference, so "Karabakh" weighs little in a corpus about Karabakh. Terms are keyed by
// term_hash() (64-bit XXH3, no strings kept) and numbered densely in order of first sight.
//   idf(t) = ln((N + 1) / (df(t) + 1)) + 1
// (the smoothed form: as if one extra statement contained every term, so no division by zero,
// an unseen term gets the largest weight ln(N+1)+1, and a term in every statement still
// weighs 1, not 0).
class IdfTable {
 public:
  // Counts one statement: each distinct content term once.
  void add(std::span<const Token> tokens);
  // The same from the term_hash() of its content terms (any order, repeats allowed).
  void add_hashes(std::span<const std::uint64_t> term_hashes);

  std::uint32_t statements() const noexcept { return statements_; }
  std::size_t terms() const noexcept { return df_.size(); }

  // The id of a term (a stem, or a number's canonical digits), kUnknownTerm if never counted.
  std::uint32_t find(std::string_view term) const noexcept { return find_hash(term_hash(term)); }
  std::uint32_t find_hash(std::uint64_t hash) const noexcept;
  std::uint32_t df(std::uint32_t id) const noexcept { return id < df_.size() ? df_[id] : 0; }
  // The term_hash() of a term id (ids are dense: 0 .. terms()-1).
  std::uint64_t hash(std::uint32_t id) const noexcept { return id < hashes_.size() ? hashes_[id] : 0; }
  double idf(std::uint32_t id) const noexcept;

 private:
  std::unordered_map<std::uint64_t, std::uint32_t> ids_;
  std::vector<std::uint32_t> df_;
  std::vector<std::uint64_t> hashes_;  // by id
  std::vector<std::uint32_t> scratch_;
  std::vector<std::uint64_t> hash_scratch_;
  std::uint32_t statements_ = 0;
};

// A statement's content terms as hashes (term_hash()), before any IDF table exists: what a
// corpus analysis keeps between tokenizing (in parallel, documents in any order) and scoring
// (after the whole corpus has been counted). 8 bytes per content term, no strings.
struct StatementTerms {
  std::vector<std::uint64_t> sequence;  // every content term, in text order
  std::vector<std::uint64_t> numbers;   // numbers among them, in text order (repeats kept)
  std::vector<std::uint64_t> names;     // names (see name_tokens()), in text order
  // Words that only ever continue a hyphenated compound begun by another content word here
  // (the "karabakh" of "Nagorno-Karabakh"), distinct, sorted: with the compound's first word
  // they are one term towards ScoreOptions::min_shared_terms.
  std::vector<std::uint64_t> joined;
  // English and Russian negation words ("not", "n't", "never", "нет", ...; not "not only",
  // "no doubt", "without", the answer "No," nor "not" before a participle outside the main
  // verb: ", not allowing"): a statement and its negation are not the same claim
  // (ScoreOptions::negation_changed).
  std::uint32_t negations = 0;

  void clear() noexcept {
    sequence.clear();
    numbers.clear();
    names.clear();
    joined.clear();
    negations = 0;
  }
};

// Fills `out` (cleared first; its capacity is reused) from a statement's tokens; `text` is the
// string the token spans index into (for names).
void extract_terms(std::string_view text, std::span<const Token> tokens, StatementTerms& out);

// What scoring needs of one statement. About 12 bytes per content term.
struct StatementFeatures {
  std::vector<std::uint32_t> terms;     // distinct ids of content terms known to the table, sorted
  std::vector<std::uint32_t> sequence;  // ids of the content terms in text order (kUnknownTerm: unseen)
  std::vector<std::uint64_t> numbers;   // distinct term hashes of numbers, sorted
  std::vector<std::uint64_t> names;     // distinct term hashes of names, sorted
  std::vector<std::uint32_t> joined;    // distinct ids of compound tails (StatementTerms::joined), sorted
  float weight = 0;                     // Σ idf over the distinct content terms, unseen ones included
  float sequence_weight = 0;            // Σ idf over `sequence`
  std::uint32_t negations = 0;          // StatementTerms::negations

  std::size_t content_terms() const noexcept { return sequence.size(); }
};

// A read-only view of StatementFeatures: what Scorer::score() reads. Corpora keep features in
// flat arrays (one allocation per field for the whole corpus, not four per statement) and hand
// out views; a StatementFeatures converts implicitly.
struct FeatureView {
  std::span<const std::uint32_t> terms;
  std::span<const std::uint32_t> sequence;
  std::span<const std::uint64_t> numbers;
  std::span<const std::uint64_t> names;
  float weight = 0;
  float sequence_weight = 0;
  std::span<const std::uint32_t> joined;
  std::uint32_t negations = 0;

  FeatureView() = default;
  FeatureView(const StatementFeatures& f) noexcept  // NOLINT: implicit on purpose
      : terms(f.terms),
        sequence(f.sequence),
        numbers(f.numbers),
        names(f.names),
        weight(f.weight),
        sequence_weight(f.sequence_weight),
        joined(f.joined),
        negations(f.negations) {}
  FeatureView(std::span<const std::uint32_t> terms_, std::span<const std::uint32_t> sequence_,
              std::span<const std::uint64_t> numbers_, std::span<const std::uint64_t> names_, float weight_,
              float sequence_weight_, std::span<const std::uint32_t> joined_ = {},
              std::uint32_t negations_ = 0) noexcept
      : terms(terms_),
        sequence(sequence_),
        numbers(numbers_),
        names(names_),
        weight(weight_),
        sequence_weight(sequence_weight_),
        joined(joined_),
        negations(negations_) {}

  std::size_t content_terms() const noexcept { return sequence.size(); }
  // Content terms with a hyphenated compound counted once ("Nagorno-Karabakh of." has 1).
  std::size_t content_units() const noexcept {
    if (joined.empty()) return sequence.size();
    return static_cast<std::size_t>(std::count_if(sequence.begin(), sequence.end(), [&](std::uint32_t id) {
      return !std::binary_search(joined.begin(), joined.end(), id);
    }));
  }
};

struct ScoreParts {
  float overlap = 0;
  float alignment = 0;
  float numbers = 1;   // a factor: 1 = agreement, lower = conflict
  float names = 1;     // a factor, likewise
  float negation = 1;  // a factor: 1 = both sides negated or neither, else negation_changed
  float total = 0;
};

// The documented defaults; change them to calibrate on a labelled set.
struct ScoreOptions {
  float overlap_weight = 0.6f;
  float alignment_weight = 0.4f;
  // overlap = (1 - m)·Dice + m·containment, the same blend for the alignment's normalization.
  // Measured on MSRP test (pairs of similar length, names factor as below): AUC 0.750 at m = 0,
  // 0.742 at 0.25, 0.731 at 0.5. A short quote inside a long rendering needs containment, so
  // a little of it stays.
  float containment_mix = 0.25f;
  // ...scaled down for short statements: the full mix applies when the shorter side has at
  // least this many content terms, 1/n of it per term below.
  std::uint32_t containment_min_terms = 5;
  float numbers_absent = 0.9f;    // only one side has numbers
  float numbers_subset = 0.85f;   // one side's numbers all appear on the other
  float numbers_changed = 0.45f;  // both sides have numbers the other lacks and share none
  float names_absent = 1.0f;
  float names_subset = 1.0f;
  float names_changed = 0.85f;
  // One side negated (StatementTerms::negations), the other not: "Armenia wants a ceasefire" and
  // "Armenia doesn't want a ceasefire" share every other word but say opposite things. At 0.7 a
  // pair needs 0.79 otherwise to reach neardup's threshold of 0.55.
  float negation_changed = 0.7f;
  // Search asks whether a statement says what the query says, wherever it sits in the
  // statement: this share of the overlap and alignment blends goes to the coverage of the first
  // statement (the query) by the second, x/w_first, taken from Dice. 0 keeps the score
  // symmetric (neardup). search() uses 0.6 (SearchOptions::query_coverage): on the gold set,
  // recall@10 0.56 → 0.63 and MRR 0.67 → 0.73 (bench/README.md).
  float query_coverage = 0.0f;
  // A pair must share at least this many distinct content terms (or every term of its shorter
  // side, when that has fewer) to score above 0: one shared word is not a claim in common
  // ("Why it didn't work now?" ~ "We didn't know about that."). The words of one hyphenated
  // compound count once: "Nagorno-Karabakh is Azerbaijan" and "Nagorno-Karabakh is Armenia"
  // share one name, not two terms. 0: no minimum. neardup uses 2
  // (NeardupOptions::min_shared_terms).
  std::uint32_t min_shared_terms = 0;
};

// Name tokens of a statement: words (not stop words, at least two letters) whose original text
// starts with an upper-case letter and which do not open a sentence — neither the statement's
// first word nor the first after . ! ? : ; … a quote, a bracket or a dash (— –; a hyphen does
// not count, so "Nagorno-Karabakh" yields "Karabakh"). `text` is the string
// the token spans index into. Returns indices into `tokens`.
std::vector<std::size_t> name_tokens(std::string_view text, std::span<const Token> tokens);

// Scores pairs against one IdfTable. Takes a snapshot of the IDF weights when constructed:
// terms the table learns later count as unseen. Keeps a pointer to the table (for ids): the
// table must outlive the scorer. const member functions are safe to call from several threads.
class Scorer {
 public:
  explicit Scorer(const IdfTable& table, ScoreOptions options = {});

  StatementFeatures prepare(std::string_view text, std::span<const Token> tokens) const;
  void prepare(std::string_view text, std::span<const Token> tokens, StatementFeatures& out) const;
  // The same from terms extracted earlier (extract_terms()); identical results.
  void prepare(const StatementTerms& terms, StatementFeatures& out) const;

  ScoreParts score(FeatureView a, FeatureView b) const;
  // The same, but gives up early (total and alignment left at 0) when the total cannot reach
  // `min_total` — most LSH candidates fail on overlap alone, before the alignment's O(n·m).
  ScoreParts score(FeatureView a, FeatureView b, float min_total) const;

  // The overlap component from the IDF weight of the terms two statements share (what score()
  // computes first; search() accumulates `shared` over an inverted index instead).
  float overlap(float shared, FeatureView a, FeatureView b) const noexcept;

  float weight(std::uint32_t id) const noexcept { return id < idf_.size() ? idf_[id] : unseen_; }
  const ScoreOptions& options() const noexcept { return options_; }

 private:
  float containment_mix(FeatureView a, FeatureView b) const noexcept;

  const IdfTable* table_;
  ScoreOptions options_;
  std::vector<float> idf_;
  float unseen_;
};

}  // namespace quotekit
