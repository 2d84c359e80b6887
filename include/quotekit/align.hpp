// quotekit/align.hpp — align: two sequences of statements (two renderings of one interview,
// or a text and its translation) become a path of beads: 1-1 pairs, merges (1-2, 2-1, 2-2)
// where one side split or joined sentences, and 1-0 / 0-1 where a passage was omitted or
// added. Dynamic programming in a band around the diagonal.
//
// The aligner knows nothing about text: it is generic over the pair score. align_statements()
// takes any callable score(a_begin, a_end, b_begin, b_end) over half-open statement ranges
// (monolingual, cross-lingual, embedding, ...); align_by_length() is the Gale & Church (1993)
// length-only baseline over per-statement lengths.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "quotekit/base.hpp"

namespace quotekit {

// How many statements of A and of B a bead covers.
enum class BeadKind : std::uint8_t { one_one, one_two, two_one, two_two, one_zero, zero_one };

inline constexpr int kBeadKindCount = 6;

// "1-1", "1-2", "2-1", "2-2", "1-0", "0-1".
std::string_view to_string(BeadKind kind) noexcept;

// A set of bead kinds, as bits (1 << BeadKind).
using BeadKinds = std::uint8_t;
constexpr BeadKinds bead_bit(BeadKind k) noexcept {
  return static_cast<BeadKinds>(1u << static_cast<int>(k));
}
inline constexpr BeadKinds kAllBeads = 0x3F;
inline constexpr BeadKinds kNoMerges =
    bead_bit(BeadKind::one_one) | bead_bit(BeadKind::one_zero) | bead_bit(BeadKind::zero_one);

// One step of an alignment: A statements [a_begin, a_begin + a_count) correspond to B
// statements [b_begin, b_begin + b_count). a_count == 0 (0-1) is an addition in B; b_count == 0
// (1-0) is an omission from A.
struct Bead {
  std::uint32_t a_begin = 0;
  std::uint32_t a_count = 0;
  std::uint32_t b_begin = 0;
  std::uint32_t b_count = 0;
  // What the scorer said about this bead (align_statements), or the Gale–Church length match
  // probability P(delta | match) in [0,1] (align_by_length). 0 for 1-0 and 0-1 beads.
  double score = 0.0;

  BeadKind kind() const noexcept;
  bool is_pair() const noexcept { return a_count > 0 && b_count > 0; }
  friend bool operator==(const Bead&, const Bead&) = default;
};

// A lambda or function object callable as double(a_begin, a_end, b_begin, b_end).
template <class F>
concept PairScore =
    std::is_invocable_r_v<double, F&, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>;

class BeadScorer;
template <class F>
concept ForeignPairScore = PairScore<F> && !std::is_same_v<std::remove_cvref_t<F>, BeadScorer>;

// A non-owning reference to the pair score: double(a_begin, a_end, b_begin, b_end), ranges
// half-open, both non-empty. Higher is better. It only has to live for the call it is passed
// to. (std::function_ref is C++26; this is the same idea, without an allocation.)
class BeadScorer {
 public:
  // Implicit on purpose: align_statements(n, m, [&](auto...) { ... }).
  template <ForeignPairScore F>
  BeadScorer(F&& f) noexcept  // NOLINT(google-explicit-constructor)
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) -> double {
          return static_cast<double>((*static_cast<std::remove_reference_t<F>*>(o))(a0, a1, b0, b1));
        }) {}

  double operator()(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) const {
    return call_(object_, a0, a1, b0, b1);
  }

 private:
  void* object_;
  double (*call_)(void*, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t);
};

struct AlignOptions {
  BeadKinds kinds = kAllBeads;  // the bead kinds the path may use

  // align_statements() maximizes the sum of bead gains:
  //   pair bead:  score - floor - (merge_penalty for 1-2/2-1, merge22_penalty for 2-2)
  //   1-0 / 0-1:  -skip_penalty
  // so a 1-1 pair scoring below floor - 2*skip_penalty loses to an omission plus an addition:
  // unrelated statements come out as 1-0 / 0-1 runs, not as forced bad pairs; and a 1-2 wins
  // over a 1-1 plus an addition when its score is higher by more than merge_penalty -
  // skip_penalty. Set floor to what your scorer gives "just barely the same statement".
  // align_by_length() ignores these four: it uses the Gale–Church priors.
  //
  // The defaults are calibrated with the project's Scorer (score.hpp) on the two human English
  // references of WMT20 ru-en (991 lines), B with 10% of its lines dropped and 5% split at a
  // comma: 867 of 891 kept lines paired right, 9 of 11 splits found as 1-2, 98 of 100 dropped
  // lines found (112 omissions reported). Two unrelated documents (B shifted by 400 lines): 42
  // spurious pairs out of 991. A floor of 0.3 loses 15 right pairs, 0.1 adds 100 spurious ones.
  double floor = 0.2;
  double skip_penalty = 0.0;
  double merge_penalty = 0.05;
  double merge22_penalty = 0.1;

  // Half-width of the band around the diagonal (slope m/n), in statements of B. 0: adaptive,
  // max(20, 5% of max(n, m)). Whenever the best path touches the band's edge the band is
  // doubled and the alignment redone, at most max_widenings times (then the best path inside
  // the last band is returned, and AlignStats::band_limited says so).
  std::uint32_t band = 0;
  std::uint32_t max_widenings = 8;
};

// What the aligner did; for tuning and benchmarks.
struct AlignStats {
  std::uint32_t band = 0;         // final half-width
  std::uint32_t widenings = 0;    // how many times the band was doubled
  std::uint64_t cells = 0;        // DP cells over all passes
  std::uint64_t score_calls = 0;  // calls of the pair score over all passes
  bool band_limited = false;      // the final path still touches the band edge
  double total = 0.0;             // total gain of the returned path
};

// Aligns A statements [0, n) with B statements [0, m). The score is called only for pair
// beads inside the band, at most 4 times per cell. Memory: one byte of back-pointer per band
// cell, O(n * band). The beads cover both sequences in order, without gaps or overlaps.
// Throws UsageError when the allowed kinds cannot reach (n, m) (e.g. only 1-1 and n != m), and
// Error when the score returns NaN.
std::vector<Bead> align_statements(std::uint32_t n, std::uint32_t m, BeadScorer score,
                                   const AlignOptions& options = {}, AlignStats* stats = nullptr);

// Gale & Church (1993): the cost -ln(P(kind) * P(delta | match)) of a bead whose A side is
// len_a characters long and B side len_b, with delta = (len_b - c*len_a) / sqrt(s2 * mean),
// c = 1, s2 = 6.8, mean = (len_a + len_b / c) / 2, P(delta | match) = 2(1 - Phi(|delta|)), and
// priors 1-1 0.89, 1-2 and 2-1 0.089, 2-2 0.011, 1-0 and 0-1 0.0099. Natural log (the paper's
// program used -100 ln and integers); capped at 25 + prior cost where the probability
// underflows.
double gale_church_cost(double len_a, double len_b, BeadKind kind = BeadKind::one_one) noexcept;

// P(delta | match) alone, in [0, 1]: how well two lengths agree.
double gale_church_match_probability(double len_a, double len_b) noexcept;

// The length-only baseline: minimizes the total Gale–Church cost over lengths (characters, or
// any unit roughly proportional between the two languages). Uses options.kinds, band and
// max_widenings. Bead::score is gale_church_match_probability of the bead's lengths. (Inside the
// DP, -ln P(delta | match) comes from a table within 1e-5 of gale_church_cost: erfc and log on
// every transition would cost more than the rest of the DP.)
std::vector<Bead> align_by_length(std::span<const std::uint32_t> lengths_a,
                                  std::span<const std::uint32_t> lengths_b, const AlignOptions& options = {},
                                  AlignStats* stats = nullptr);

}  // namespace quotekit
