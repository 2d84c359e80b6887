// quotekit/lsh.hpp — candidates: banded MinHash buckets in memory. Statements whose
// signatures agree on all rows of at least one band become candidate pairs; the scorer then
// verifies them. Sub-quadratic: work grows with the number of bucket collisions, not with n².
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "quotekit/fingerprint.hpp"
#include "quotekit/parallel.hpp"

namespace quotekit {

// b bands of r rows each (b·r ≤ K; the slots past b·r are unused).
struct LshParams {
  std::uint32_t bands = 32;
  std::uint32_t rows = 4;
  friend constexpr bool operator==(LshParams, LshParams) = default;
};

// The S-curve: the probability that two statements with Jaccard similarity s share at least
// one band, 1 - (1 - s^r)^b.
double lsh_probability(double s, LshParams p) noexcept;

// Chooses b × r (b·r ≤ K) minimizing
//     fn_weight · mean_{s ∈ [t,1]} (1 - P(s))  +  (1 - fn_weight) · mean_{s ∈ [0,t]} P(s),
// the weighted false-negative rate (pairs above the threshold that never meet) and
// false-positive rate (pairs below it that do) under the S-curve, each averaged over its side
// of the threshold. Averages rather than raw areas keep low thresholds sane: with areas, t = 0.2
// makes [0, t] so narrow that one-row bands win, and every pair sharing one word becomes a
// candidate. Missing a recycled talking point costs more than scoring an extra candidate, so the
// default weighs false negatives 9:1. K = 128 gives 32 × 4 at t = 0.5 (P(0.5) = 0.87,
// P(0.6) = 0.99, P(0.25) = 0.12), 42 × 3 at t = 0.3, 21 × 6 at t = 0.7. Throws UsageError
// unless 0 < t < 1, K ≥ 1 and 0 < fn_weight < 1.
LshParams choose_lsh_params(double threshold, std::size_t k = MinHasher::kDefaultK, double fn_weight = 0.9);

// The steepest S-curve that still finds a pair of Jaccard similarity `similarity` with at
// least probability `recall`: the most rows r, then the fewest bands b (b·r ≤ K), with
// P(similarity) ≥ recall. Fewer bands and more rows mean fewer candidates below the
// threshold. K = 128, recall 0.98: 42 × 2 at 0.3 (P(0.3) = 0.981, P(0.4) = 0.9993,
// P(0.1) = 0.34), 23 × 2 at 0.4, 30 × 3 at 0.5, 20 × 4 at 0.65. When no b × r ≤ K reaches the
// recall: K × 1 (the most recall there is). Throws UsageError unless 0 < similarity < 1, 0 < recall < 1
// and K ≥ 1.
LshParams lsh_params_for_recall(double similarity, double recall = 0.98,
                                std::size_t k = MinHasher::kDefaultK);

// The 64-bit key of band `band`: XXH3 of its r slots, seeded with the band number (the same
// rows in different bands give different keys). Stable across runs (slots hashed in host byte
// order; every supported target is little-endian): fit for a persistent archive. 0 when the
// signature has no such band.
std::uint64_t band_key(std::span<const std::uint32_t> signature, LshParams params,
                       std::uint32_t band) noexcept;

struct LshOptions {
  // A bucket holding more than this many statements in one band is skipped (and counted):
  // such buckets are boilerplate ("Thank you very much.", headers) repeated across a corpus,
  // and would emit cap²/2 pairs each. Exact repeats are better grouped by exact_hash (see
  // cluster.hpp). 0: no cap.
  std::uint32_t bucket_cap = 100;
  // Crowded buckets are split, as in an LSH forest (Bawa, Condie & Ganesan, WWW 2005): a bucket
  // of more than `split_above` statements is divided by one more signature slot (the slots
  // after the band's own, wrapping round), and each part that is still crowded by the next
  // slot, up to `split_rows` extra slots; pairs are only formed inside the final parts, and a
  // final part of more than bucket_cap statements is skipped. Why: with fixed b × r, two
  // unrelated statements built from a corpus's common words meet in a band with a fixed
  // probability, so such pairs grow with the square of the corpus; a bucket that fills up as
  // the corpus grows asks for one more agreeing slot instead. That bounds what a crowded bucket
  // costs; the pairs in buckets below split_above still grow faster than the corpus
  // (bench/README.md, "Scale"). The cost: a pair whose only shared buckets are crowded ones
  // needs r + (up to) split_rows agreeing slots there. 0: never split (fixed b × r).
  std::uint32_t split_above = 0;
  std::uint32_t split_rows = 2;
};

// What the last query skipped, so that callers can report it instead of hiding it.
struct LshStats {
  std::uint64_t skipped_buckets = 0;  // over-full (band, key) buckets ignored (after splitting)
  std::uint64_t skipped_entries = 0;  // statements in them (counted once per band)
  std::uint64_t split_buckets = 0;    // crowded buckets divided by more slots (LshOptions::split_above)
  std::uint64_t raw_pairs = 0;        // pairs before de-duplication (candidates(): ids found)
};

struct CandidatePair {
  std::uint32_t a = 0;  // a < b
  std::uint32_t b = 0;
  friend constexpr bool operator==(CandidatePair, CandidatePair) = default;
  friend constexpr auto operator<=>(CandidatePair, CandidatePair) = default;
};

// In-memory banded index. Layout, sized for a million statements on a small machine: one flat
// vector per band of 64-bit entries (top 32 bits of the band key << 32 | statement id),
// sorted by build(). A band is then a sorted run where equal keys are adjacent: lookups are
// binary searches and all pairs come from one linear scan — no hash map, no per-bucket vector.
// 8 bytes per statement per band: 1M statements × 32 bands = 256 MB. Truncating keys to 32 bits
// adds about n²/2³³ spurious collisions per band (≈ 116 for n = 1M), which the scorer rejects.
// A crowded bucket that build() splits (LshOptions::split_above) stays one run, its entries
// ordered part by part, and queries walk the same splits. The index also keeps one byte of every
// signature slot (K bytes per statement): what it splits by, and estimate_similarity().
//
// Use: insert() every signature, build(), then candidates() / all_candidate_pairs(), which are
// const and safe to call from several threads. Inserting again requires another build()
// (which radix-sorts the new entries, merges them in O(n) and splits the buckets again; bands
// are independent, so build() takes them on several threads).
class LshIndex {
 public:
  LshIndex(LshParams params, std::size_t k = MinHasher::kDefaultK, LshOptions options = {});
  // choose_lsh_params(threshold, k) and an index over it.
  static LshIndex for_threshold(double threshold, std::size_t k = MinHasher::kDefaultK,
                                LshOptions options = {});

  // Adds a statement under `id` (ids need not be dense or ordered). Returns false, adding
  // nothing, for an empty signature (no features): it would collide with every other empty one.
  // Throws UsageError when the signature's size is not K, or when `id` is already in the index.
  bool insert(std::uint32_t id, std::span<const std::uint32_t> signature);
  bool insert(std::uint32_t id, const MinHashSignature& signature) { return insert(id, signature.view()); }
  // Room for `statements` more statements with ids up to about that many: no regrowth (and no
  // copy of the bands, bucket keys and sketch) while they are inserted.
  void reserve(std::size_t statements);

  // Sorts what was inserted since the last build() and splits crowded buckets, bands dealt out
  // to `threads` threads (0: one; bands are independent). Queries throw Error until it is called.
  void build(unsigned threads = 1);
  bool built() const noexcept { return pending_ == 0; }

  // Ids sharing at least one band with `signature`, sorted and unique (the id of an identical
  // inserted statement included: callers skip themselves). Over-full buckets are skipped.
  std::vector<std::uint32_t> candidates(std::span<const std::uint32_t> signature,
                                        LshStats* stats = nullptr) const;
  std::vector<std::uint32_t> candidates(const MinHashSignature& signature, LshStats* stats = nullptr) const {
    return candidates(signature.view(), stats);
  }

  // Every pair of inserted ids sharing at least one band (in one part of a split bucket),
  // sorted, unique, a < b. Over-full buckets are skipped. Memory: 8 bytes per distinct pair
  // plus a compaction buffer.
  std::vector<CandidatePair> all_candidate_pairs(LshStats* stats = nullptr) const;

  // The same pairs, each exactly once, without storing them: for corpora whose candidates would
  // not fit in memory, and to verify them while they are found. A pair is reported from the
  // first band (in band order) where it shares a bucket that is not over-full; to know that,
  // the index keeps every statement's bucket keys (4 bytes per band per id, up to the largest
  // id; a part of a split bucket has a key of its own, a hash of the band key and the slots
  // that split it, so two parts of different buckets share a key with probability 2⁻³²).
  // Bands are taken one at a time by `threads` threads (0: one), and visit(thread, a, b), a < b,
  // is called concurrently from them, `thread` in [0, threads). stats (optional) gets the
  // skipped and split buckets and, in raw_pairs, the bucket pairs looked at. Pairs come in no fixed
  // order; the set is the same as all_candidate_pairs().
  template <class Visit>
  void for_each_candidate_pair(Visit&& visit, unsigned threads = 1, LshStats* stats = nullptr) const;

  // The share of signature slots on which inserted statements a and b agree, from the byte the
  // index keeps of each slot (chance agreement, 1/256, taken out): an estimate of their Jaccard
  // similarity (IDF-weighted for AnalyzedCorpus), standard error about √(J(1−J)/K) — 0.04 at
  // J = 0.3, K = 128. Cheap (K bytes each): for rejecting a candidate pair before scoring it.
  double estimate_similarity(std::uint32_t a, std::uint32_t b) const noexcept;

  LshParams params() const noexcept { return params_; }
  std::size_t k() const noexcept { return k_; }
  const LshOptions& options() const noexcept { return options_; }
  std::size_t size() const noexcept { return size_; }  // statements inserted
  std::size_t memory_bytes() const noexcept;

 private:
  void require_built() const;
  // Sets keys_ for the members of the bucket bands_[band][i, j) with key `key`, splitting it
  // when crowded; reorders the run part by part.
  void split_bucket(std::uint32_t band, std::size_t i, std::size_t j, std::vector<std::uint64_t>& scratch,
                    LshStats& stats);
  // The signature slot that divides a bucket of `band` at split depth `level` (1-based): the
  // slots after the band's own, wrapping round.
  std::size_t split_slot(std::uint32_t band, std::uint32_t level) const noexcept {
    return (static_cast<std::size_t>(band) * params_.rows + params_.rows - 1 + level) % k_;
  }
  // Calls f(first, last) for the entries of every bucket (or part of a split bucket) of `band`
  // that holds two or more statements and is not over-full; ids ascend within it.
  template <class F>
  void for_each_bucket(std::uint32_t band, F&& f) const;

  // Whether two statements' bucket keys agree, other than on kSkippedKey, in one of the first
  // `bands` bands.
  static bool share_a_bucket(const std::uint32_t* ka, const std::uint32_t* kb, std::uint32_t bands) noexcept;

  // Key value that marks, in keys_, a statement whose bucket in that band is over-full; real
  // keys never take it (insert() moves it one down).
  static constexpr std::uint32_t kSkippedKey = 0xFFFFFFFFU;

  LshParams params_;
  std::size_t k_;
  LshOptions options_;
  std::vector<std::vector<std::uint64_t>> bands_;  // per band: (key32 << 32 | id), sorted after build()
  // keys_[id * bands + band]: the statement's bucket in that band: the top 32 bits of the band
  // key, or the key of its part of a split bucket, or kSkippedKey.
  std::vector<std::uint32_t> keys_;
  // sketch_[id * K + slot]: one byte of each signature slot, to split crowded buckets by and to
  // estimate a pair's similarity.
  std::vector<std::uint8_t> sketch_;
  std::vector<bool> present_;  // present_[id]: id was inserted (each id once)
  std::size_t sorted_ = 0;     // entries per band already sorted
  std::size_t pending_ = 0;    // entries per band inserted since build()
  std::size_t size_ = 0;
  LshStats built_;  // skipped and split buckets, counted by build()
};

template <class F>
void LshIndex::for_each_bucket(std::uint32_t band, F&& f) const {
  const auto& entries = bands_[band];
  const std::size_t nb = params_.bands;
  for (std::size_t i = 0; i < entries.size();) {
    const std::uint64_t key = entries[i] >> 32;
    std::size_t j = i + 1;
    while (j < entries.size() && (entries[j] >> 32) == key) ++j;
    auto part_of = [&](std::size_t e) {
      return keys_[static_cast<std::size_t>(entries[e] & 0xFFFFFFFFULL) * nb + band];
    };
    if (j - i < 2) {
      i = j;
      continue;
    }
    // A bucket build() did not split has one key in keys_ for all its members (or kSkippedKey):
    // one look suffices, on this hot path.
    if (options_.split_above == 0 || options_.split_rows == 0 || j - i <= options_.split_above) {
      if (part_of(i) != kSkippedKey) f(entries.data() + i, entries.data() + j);
      i = j;
      continue;
    }
    // Within a split bucket's run, its parts are adjacent, each with its own key in keys_.
    for (std::size_t x = i; x < j;) {
      const std::uint32_t part = part_of(x);
      std::size_t y = x + 1;
      while (y < j && part_of(y) == part) ++y;
      if (part != kSkippedKey && y - x >= 2) f(entries.data() + x, entries.data() + y);
      x = y;
    }
    i = j;
  }
}

template <class Visit>
void LshIndex::for_each_candidate_pair(Visit&& visit, unsigned threads, LshStats* stats) const {
  require_built();
  const unsigned t_count = threads == 0 ? 1 : threads;
  const std::uint32_t nb = params_.bands;
  std::vector<LshStats> local(t_count);
  std::atomic<std::uint32_t> next{0};
  detail::run_parallel(t_count, [&](unsigned t) {
    // Counted on this thread's stack: neighbouring elements of `local` share a cache line, and
    // a counter bumped for every pair there would bounce that line between the cores.
    LshStats st;
    // Each thread takes the next band: bands differ in cost (later ones report fewer pairs),
    // and a fixed deal left one thread working alone at the end.
    for (std::uint32_t band; (band = next.fetch_add(1, std::memory_order_relaxed)) < nb;) {
      for_each_bucket(band, [&](const std::uint64_t* first, const std::uint64_t* last) {
        for (const std::uint64_t* x = first; x != last; ++x) {
          const auto a = static_cast<std::uint32_t>(*x);
          const std::uint32_t* ka = keys_.data() + static_cast<std::size_t>(a) * nb;
          for (const std::uint64_t* y = x + 1; y != last; ++y) {
            const auto b = static_cast<std::uint32_t>(*y);
            if (a == b) continue;
            ++st.raw_pairs;
            // Reported here only if no earlier band already put a and b in a bucket that counts.
            if (!share_a_bucket(ka, keys_.data() + static_cast<std::size_t>(b) * nb, band))
              visit(t, a < b ? a : b, a < b ? b : a);
          }
        }
      });
    }
    local[t] = st;
  });
  if (stats) {
    *stats = built_;
    for (const LshStats& s : local) stats->raw_pairs += s.raw_pairs;
  }
}

}  // namespace quotekit
