#include "quotekit/neardup.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <span>
#include <thread>
#include <vector>

namespace quotekit {

ClusterStatement cluster_statement(const AnalyzedCorpus& corpus, std::uint32_t i) {
  const StatementInfo& s = corpus.info(i);
  const FeatureView f = corpus.features(i);
  ClusterStatement c;
  c.doc = s.doc;
  c.index = s.index;
  c.exact = corpus.feature_key(i);  // one unit: statements the scorer cannot tell apart
  c.content_terms = static_cast<std::uint32_t>(f.content_units());
  c.has_names = !f.names.empty();
  c.role = s.role;
  c.kind = s.kind;
  c.speaker = corpus.speaker(i);
  return c;
}

namespace {

const LshIndex& require_lsh(const AnalyzedCorpus& corpus) {
  if (corpus.lsh() == nullptr) {
    throw UsageError("find_talking_points needs the corpus's LSH index (AnalyzeOptions::lsh_similarity > 0)");
  }
  return *corpus.lsh();
}

// The statements each LSH representative stands for, ascending (CSR by representative).
struct Units {
  std::vector<std::uint32_t> start, members;
  std::span<const std::uint32_t> of(std::uint32_t rep) const {
    return {members.data() + start[rep], start[rep + 1] - start[rep]};
  }
};

Units lsh_units(const AnalyzedCorpus& corpus) {
  const auto n = static_cast<std::uint32_t>(corpus.size());
  Units u;
  u.start.assign(std::size_t{n} + 1, 0);
  for (std::uint32_t i = 0; i < n; ++i) ++u.start[corpus.lsh_representative(i) + 1];
  for (std::uint32_t i = 0; i < n; ++i) u.start[i + 1] += u.start[i];
  u.members.resize(n);
  std::vector<std::uint32_t> fill(u.start.begin(), u.start.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) u.members[fill[corpus.lsh_representative(i)]++] = i;
  return u;
}

}  // namespace

std::vector<CandidatePair> neardup_candidates(const AnalyzedCorpus& corpus, NeardupStats* stats) {
  LshStats lstats;
  const std::vector<CandidatePair> reps = require_lsh(corpus).all_candidate_pairs(&lstats);
  // Expand representatives to the statements they stand for, and pair up each unit's own.
  const Units units = lsh_units(corpus);
  std::vector<CandidatePair> candidates;
  auto add = [&](std::uint32_t x, std::uint32_t y) {
    candidates.push_back({std::min(x, y), std::max(x, y)});
  };
  for (const CandidatePair& p : reps) {
    for (const std::uint32_t x : units.of(p.a)) {
      for (const std::uint32_t y : units.of(p.b)) add(x, y);
    }
  }
  for (std::uint32_t r = 0; r + 1 < units.start.size(); ++r) {
    const auto m = units.of(r);
    for (std::size_t x = 0; x < m.size(); ++x) {
      for (std::size_t y = x + 1; y < m.size(); ++y) add(m[x], m[y]);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  if (stats) {
    stats->candidates = reps.size();
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
  const LshIndex& lsh = require_lsh(corpus);
  if (!copt.merge_exact) {
    throw UsageError(
        "find_talking_points always treats statements with the same features as one (the LSH index holds one "
        "of them): ClusterOptions::merge_exact = false is for cluster_talking_points() alone");
  }
  // The index holds one statement per feature key (AnalyzeOptions::lsh_distinct); its unit
  // takes part through its first eligible member, which the clustering joins to the rest of the
  // unit (same ClusterStatement::exact).
  constexpr std::uint32_t kNone = 0xFFFFFFFFU;
  std::vector<std::uint32_t> voice(n, kNone);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t& v = voice[corpus.lsh_representative(i)];
    if (eligible[i] && v == kNone) v = i;
  }

  // Verify every candidate pair as the index finds it, bands shared out among the threads. The
  // pairs found are the same whatever the threads, and clustering does not depend on their order.
  // Statements with the same features need no score (the clustering groups them by that key).
  ScoreOptions sopt = corpus.scorer().options();
  sopt.min_shared_terms = options.min_shared_terms;
  const Scorer scorer(corpus.idf(), sopt);
  const float threshold = copt.threshold;
  const double min_estimate = options.min_estimated_similarity;
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  // One cache line each: the counters change for every candidate pair, and two threads'
  // counters in one line would bounce it between cores (false sharing; on this 2-vCPU VM the
  // difference was within noise).
  struct alignas(64) Local {
    std::vector<ScoredPair> found;
    std::uint64_t candidates = 0, scored = 0;
  };
  std::vector<Local> local(threads);
  LshStats lstats;
  lsh.for_each_candidate_pair(
      [&](unsigned t, std::uint32_t a, std::uint32_t b) {
        Local& l = local[t];
        if (t == 0 && (l.candidates & 0xFFFF) == 0) progress("scoring", l.candidates * threads, 0);
        ++l.candidates;
        const std::uint32_t va = voice[a], vb = voice[b];
        if (va == kNone || vb == kNone) return;
        if (min_estimate > 0 && lsh.estimate_similarity(a, b) < min_estimate) return;
        if (corpus.feature_key(a) == corpus.feature_key(b)) return;  // a 64-bit key collision
        ++l.scored;
        const float s = scorer.score(corpus.features(a), corpus.features(b), threshold).total;
        if (s >= threshold) l.found.push_back({va, vb, s});
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
  ClusterOptions clustering = copt;
  clustering.threads = threads;  // the rescoring below is const: safe on several threads
  result.talking_points =
      cluster_talking_points(documents, statements, pairs, clustering, [&](std::uint32_t a, std::uint32_t b) {
        return scorer.score(corpus.features(a), corpus.features(b)).total;
      });
  progress("clustering", 1, 1);
  return result;
}

}  // namespace quotekit
