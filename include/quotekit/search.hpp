// quotekit/search.hpp — where else was this said? A query sentence against every statement of
// an analysed corpus, ranked by the verification score (score.hpp), with its components.
//
// LSH alone would lose recall here: a re-translated sentence shares few word bigrams with its
// original, so MinHash buckets miss many siblings that the scorer accepts. Instead every
// statement gets a cheap first score from the corpus's inverted index of content terms — the
// IDF-weighted overlap (the scorer's own overlap component: Dice blended with containment) of
// the terms it shares with the query, accumulated term by term over the postings — and the
// `rescore` best of those are scored in full (overlap, order-aware alignment, numbers, names).
// Cost per query: the total length of the query terms' postings plus `rescore` full scores;
// no pair of corpus statements is ever formed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/analyze.hpp"
#include "quotekit/cluster.hpp"
#include "quotekit/score.hpp"

namespace quotekit {

struct SearchOptions {
  std::size_t top = 10;            // hits returned at most
  float min_score = 0.2f;          // hits scoring below are dropped (a shared common word is not a hit)
  std::size_t rescore = 500;       // statements scored in full after the overlap prefilter
  Lang lang = Lang::unknown;       // how to read the query; unknown: the corpus's main language
  bool include_furniture = false;  // website furniture is skipped unless asked for
  // "Where else did HE say this?": leave out questions (host turns; statements of unknown role
  // stay), and keep only statements whose speaker contains one of `speakers` (see
  // speaker_matches(); empty: all).
  bool answers_only = false;
  std::vector<std::string> speakers;
  // The score's share for how much of the query a statement covers (ScoreOptions::
  // query_coverage); the other options are the corpus's (AnalyzeOptions::score).
  float query_coverage = 0.6f;
};

struct SearchHit {
  std::uint32_t statement = 0;  // statement number in the corpus
  ScoreParts score;
};

// The query's features against the corpus (tokenized as options.lang or the corpus's main
// language; the whole query is one statement).
StatementFeatures query_features(const AnalyzedCorpus& corpus, std::string_view query,
                                 const SearchOptions& options = {});

// Hits best first (ties: earlier statement first). Requires the corpus's term index
// (AnalyzeOptions::term_index): throws UsageError otherwise. Thread-safe on a shared corpus.
std::vector<SearchHit> search(const AnalyzedCorpus& corpus, std::string_view query,
                              const SearchOptions& options = {});
std::vector<SearchHit> search(const AnalyzedCorpus& corpus, FeatureView query,
                              const SearchOptions& options = {});

}  // namespace quotekit
