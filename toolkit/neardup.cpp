#include "quotekit/neardup.hpp"

#include <algorithm>
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

NeardupResult find_talking_points(const AnalyzedCorpus& corpus, const NeardupOptions& options) {
  const LshIndex* lsh = corpus.lsh();
  if (lsh == nullptr) {
    throw UsageError("find_talking_points needs the corpus's LSH index (AnalyzeOptions::lsh_similarity > 0)");
  }
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
  LshStats lstats;
  const std::vector<CandidatePair> candidates = lsh->all_candidate_pairs(&lstats);
  result.stats.candidates = candidates.size();
  result.stats.skipped_buckets = lstats.skipped_buckets;

  // Verify every candidate pair in parallel: contiguous slices, concatenated in order, so the
  // pairs (and everything after) do not depend on the number of threads. Exact repeats need no
  // score (the clustering groups them by their exact hash).
  const Scorer& scorer = corpus.scorer();
  const float threshold = copt.threshold;
  unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, candidates.size() / 8192 + 1));
  std::vector<std::vector<ScoredPair>> found(threads);
  std::vector<std::uint64_t> scored(threads, 0);
  std::vector<std::exception_ptr> errors(threads);
  auto verify = [&](unsigned t) {
    try {
      const std::size_t lo = candidates.size() * t / threads, hi = candidates.size() * (t + 1) / threads;
      constexpr std::size_t kStep = 1 << 16;
      for (std::size_t i = lo; i < hi; ++i) {
        if (t == 0 && (i - lo) % kStep == 0) progress("scoring", (i - lo) * threads, candidates.size());
        const CandidatePair c = candidates[i];
        if (!eligible[c.a] || !eligible[c.b]) continue;
        if (copt.merge_exact && statements[c.a].exact == statements[c.b].exact) continue;
        ++scored[t];
        const float s = scorer.score(corpus.features(c.a), corpus.features(c.b), threshold).total;
        if (s >= threshold) found[t].push_back({c.a, c.b, s});
      }
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(verify, t);
    verify(0);
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  progress("scoring", candidates.size(), candidates.size());
  std::vector<ScoredPair> pairs;
  for (unsigned t = 0; t < threads; ++t) {
    result.stats.scored += scored[t];
    pairs.insert(pairs.end(), found[t].begin(), found[t].end());
    found[t] = {};
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
