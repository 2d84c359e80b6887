#include "quotekit/search.hpp"

#include <algorithm>
#include <limits>

#include "quotekit/tokenize.hpp"

namespace quotekit {

StatementFeatures query_features(const AnalyzedCorpus& corpus, std::string_view query,
                                 const SearchOptions& options) {
  Lang lang = options.lang != Lang::unknown ? options.lang : corpus.main_language();
  if (lang == Lang::unknown) lang = identify_language(query);
  const Tokenizer tokenizer(lang);
  std::vector<Token> tokens;
  tokenizer.tokenize(query, Span{0, static_cast<std::uint32_t>(query.size())}, tokens);
  StatementTerms terms;
  extract_terms(query, tokens, terms);
  StatementFeatures f;
  corpus.scorer().prepare(terms, f);
  return f;
}

std::vector<SearchHit> search(const AnalyzedCorpus& corpus, std::string_view query,
                              const SearchOptions& options) {
  if (query.size() > std::numeric_limits<std::uint32_t>::max()) throw UsageError("search: query too long");
  const StatementFeatures f = query_features(corpus, query, options);
  return search(corpus, FeatureView(f), options);
}

std::vector<SearchHit> search(const AnalyzedCorpus& corpus, FeatureView query, const SearchOptions& options) {
  if (!corpus.has_term_index() && corpus.size() > 0) {
    throw UsageError("search needs the corpus's term index (AnalyzeOptions::term_index)");
  }
  std::vector<SearchHit> hits;
  if (query.terms.empty() || options.top == 0) return hits;
  ScoreOptions sopt = corpus.scorer().options();
  sopt.query_coverage = options.query_coverage;
  const Scorer scorer(corpus.idf(), sopt);

  // 1. Shared IDF weight per statement, over the postings of the query's terms.
  std::vector<float> shared(corpus.size(), 0.0f);
  std::vector<std::uint32_t> touched;
  for (const std::uint32_t t : query.terms) {
    const float w = scorer.weight(t);
    for (const std::uint32_t s : corpus.postings(t)) {
      if (shared[s] == 0.0f) touched.push_back(s);
      shared[s] += w;
    }
  }
  // 2. The overlap component for each, and the best `rescore` of them.
  struct Cand {
    float overlap;
    std::uint32_t statement;
  };
  std::vector<Cand> cands;
  cands.reserve(touched.size());
  for (const std::uint32_t s : touched) {
    const StatementInfo& info = corpus.info(s);
    if (!options.include_furniture && info.kind == StatementKind::furniture) continue;
    if (options.answers_only && info.role == Role::question) continue;
    if (!speaker_matches(corpus.speaker(s), options.speakers)) continue;
    cands.push_back({scorer.overlap(shared[s], query, corpus.features(s)), s});
  }
  auto better = [](const Cand& a, const Cand& b) {
    return a.overlap != b.overlap ? a.overlap > b.overlap : a.statement < b.statement;
  };
  const std::size_t keep = std::min(cands.size(), std::max(options.rescore, options.top));
  std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), cands.end(), better);
  cands.resize(keep);

  // 3. Full scores.
  for (const Cand& c : cands) {
    const ScoreParts p = scorer.score(query, corpus.features(c.statement));
    if (p.total >= options.min_score && p.total > 0) hits.push_back({c.statement, p});
  }
  std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    return a.score.total != b.score.total ? a.score.total > b.score.total : a.statement < b.statement;
  });
  if (hits.size() > options.top) hits.resize(options.top);
  return hits;
}

}  // namespace quotekit
