#include "quotekit/neardup.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace quotekit {

ClusterStatement cluster_statement(const AnalyzedCorpus& corpus, std::uint32_t i) {
  const StatementInfo& s = corpus.info(i);
  const FeatureView f = corpus.features(i);
  ClusterStatement c;
  c.doc = s.doc;
  c.index = s.index;
  c.exact = corpus.exact(i);
  c.content_terms = static_cast<std::uint32_t>(f.content_terms());
  c.has_names = !f.names.empty();
  c.role = s.role;
  c.kind = s.kind;
  c.speaker = corpus.speaker(i);
  return c;
}

std::vector<CandidatePair> neardup_candidates(const AnalyzedCorpus& corpus, NeardupStats* stats) {
  const LshIndex* lsh = corpus.lsh();
  if (lsh == nullptr) {
    throw UsageError("find_talking_points needs the corpus's LSH index (AnalyzeOptions::lsh_similarity > 0)");
  }
  LshStats lstats;
  std::vector<CandidatePair> candidates = lsh->all_candidate_pairs(&lstats);
  if (stats) {
    stats->candidates = candidates.size();
    stats->skipped_buckets = lstats.skipped_buckets;
  }
  return candidates;
}

NeardupResult find_talking_points(const AnalyzedCorpus& corpus, const NeardupOptions& options) {
  const ClusterOptions& copt = options.cluster;
  auto progress = [&](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    if (options.progress) options.progress(Progress{stage, done, total});
  };

  const auto n = static_cast<std::uint32_t>(corpus.size());
  std::vector<ClusterStatement> statements(n);
  std::vector<std::uint8_t> eligible(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    statements[i] = cluster_statement(corpus, i);
    eligible[i] = cluster_eligible(statements[i], copt);
  }
  std::vector<ClusterDocument> documents;
  documents.reserve(corpus.documents().size());
  for (const Document& d : corpus.documents()) documents.push_back({d.id, d.outlet, d.date});

  NeardupResult result;
  const LshIndex* lsh = corpus.lsh();
  if (lsh == nullptr) {
    throw UsageError("find_talking_points needs the corpus's LSH index (AnalyzeOptions::lsh_similarity > 0)");
  }

  // Verify every candidate pair as the index finds it, bands shared out among the threads. The
  // pairs found are the same whatever the threads, and clustering does not depend on their order.
  // Exact repeats need no score (the clustering groups them by their exact hash).
  ScoreOptions sopt = corpus.scorer().options();
  sopt.min_shared_terms = options.min_shared_terms;
  const Scorer scorer(corpus.idf(), sopt);
  const float threshold = copt.threshold;
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  struct Local {
    std::vector<ScoredPair> found;
    std::uint64_t candidates = 0, scored = 0;
  };
  std::vector<Local> local(threads);
  LshStats lstats;
  lsh->for_each_candidate_pair(
      [&](unsigned t, std::uint32_t a, std::uint32_t b) {
        Local& l = local[t];
        if (t == 0 && (l.candidates & 0xFFFF) == 0) progress("scoring", l.candidates * threads, 0);
        ++l.candidates;
        if (!eligible[a] || !eligible[b]) return;
        if (copt.merge_exact && statements[a].exact == statements[b].exact) return;
        ++l.scored;
        const float s = scorer.score(corpus.features(a), corpus.features(b), threshold).total;
        if (s >= threshold) l.found.push_back({a, b, s});
      },
      threads, &lstats);
  result.stats.skipped_buckets = lstats.skipped_buckets;
  std::vector<ScoredPair> pairs;
  for (Local& l : local) {
    result.stats.candidates += l.candidates;
    result.stats.scored += l.scored;
    pairs.insert(pairs.end(), l.found.begin(), l.found.end());
    l.found = {};
  }
  result.stats.verified = pairs.size();

  progress("clustering", 0, 1);
  result.talking_points =
      cluster_talking_points(documents, statements, pairs, copt, [&](std::uint32_t a, std::uint32_t b) {
        return scorer.score(corpus.features(a), corpus.features(b)).total;
      });
  progress("clustering", 1, 1);
  return result;
}

}  // namespace quotekit
