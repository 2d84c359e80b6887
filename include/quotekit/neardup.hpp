// quotekit/neardup.hpp — talking points of an analysed corpus: LSH candidate pairs → verified
// by the Scorer (every pair, in parallel) → clustered without chaining (cluster.hpp). The glue
// that `quotekit neardup` runs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "quotekit/analyze.hpp"
#include "quotekit/cluster.hpp"

namespace quotekit {

// The verification score at or above which two statements are the same talking point. Chosen on
// the gold set (bench/README.md): pairwise precision ≥ 0.9 with the most recall; the scorer's
// own calibration on MSRP put it at 0.55-0.6.
inline constexpr float kDefaultNeardupThreshold = 0.55f;

struct NeardupOptions {
  // cluster.threshold is the verification threshold; the rest selects statements and groups.
  ClusterOptions cluster = [] {
    ClusterOptions c;
    c.threshold = kDefaultNeardupThreshold;
    return c;
  }();
  // Pairs sharing fewer distinct content terms (and not every term of the shorter side) are not
  // the same talking point, whatever their score (ScoreOptions::min_shared_terms). Without it,
  // two-word statements matching on one shared word made most verified pairs of grown corpora,
  // and their number grew with the square of the corpus (bench/README.md).
  std::uint32_t min_shared_terms = 2;
  // Candidate pairs whose similarity the LSH index estimates below this
  // (LshIndex::estimate_similarity(), from one byte per signature slot) are rejected unscored.
  // On the interviews no pair the verifier accepts estimates below 0.2, while half the
  // candidates do; on a grown corpus of 1M statements 0.2 rejects 81% of the candidates and 158
  // of the million verified pairs (0.15: 66% and one pair; bench/README.md). 0: score every
  // candidate.
  float min_estimated_similarity = 0.2f;
  unsigned threads = 0;  // for scoring candidate pairs; 0: hardware_concurrency()
  ProgressFn progress;   // stage "scoring" (candidate pairs), then "clustering"
};

struct NeardupStats {
  std::uint64_t candidates = 0;       // distinct LSH candidate pairs (of representatives)
  std::uint64_t scored = 0;           // of them, scored: may be clustered, estimate high enough
  std::uint64_t verified = 0;         // scoring at least the threshold
  std::uint64_t skipped_buckets = 0;  // over-full LSH buckets ignored (LshOptions::bucket_cap)
};

struct NeardupResult {
  ClusterResult talking_points;  // clusters largest first; member indices are statement numbers
  NeardupStats stats;
};

// The cluster_talking_points() record of statement i (views into the corpus). Its `exact` is
// AnalyzedCorpus::feature_key(): statements the scorer cannot tell apart are one unit.
ClusterStatement cluster_statement(const AnalyzedCorpus& corpus, std::uint32_t i);

// The candidate pairs of statements behind what find_talking_points() scores (it stores
// nothing): the LSH index's pairs of representatives (AnalyzedCorpus::lsh_representative())
// expanded to the statements they stand for, plus the pairs within each such unit; sorted,
// unique, a < b. stats->candidates counts the index's own pairs. Needs the LSH index; for
// evaluation (it holds every pair in memory).
std::vector<CandidatePair> neardup_candidates(const AnalyzedCorpus& corpus, NeardupStats* stats = nullptr);

// Requires the corpus's LSH index (AnalyzeOptions::lsh_similarity > 0) and
// ClusterOptions::merge_exact: throws UsageError otherwise. Deterministic: the same corpus and options give
// the same talking points and ids for any number of threads.
NeardupResult find_talking_points(const AnalyzedCorpus& corpus, const NeardupOptions& options = {});

}  // namespace quotekit
