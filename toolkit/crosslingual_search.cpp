// Cross-lingual search (see crosslingual.hpp): an inverted index over the lexicon stem ids,
// numbers and name initials of the indexed statements; a weighted prefilter, then the full
// cross-lingual score over the best candidates.
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "quotekit/cluster.hpp"
#include "quotekit/crosslingual.hpp"
#include "quotekit/segment.hpp"

namespace quotekit {

namespace {

// Posting keys: a stem id of the indexed language's pool, a number/month, or a Latin prefix.
std::uint64_t id_key(std::uint32_t id) noexcept { return (std::uint64_t{1} << 62) | id; }
std::uint64_t latin_key(std::string_view form) noexcept {
  const std::string_view head = form.substr(0, 3);
  return (XXH3_64bits(head.data(), head.size()) >> 2) | (std::uint64_t{2} << 62);
}
std::uint64_t number_key(std::uint64_t key) noexcept { return (key >> 2) | (std::uint64_t{3} << 62); }

// Keys a statement is found under, each once.
void index_keys(const CrossLingualFeatures& f, std::vector<std::uint64_t>& keys) {
  keys.clear();
  for (const auto& e : f.own) keys.push_back(id_key(e.id));
  for (const auto n : f.numbers) keys.push_back(number_key(n));
  for (const auto& l : f.latin)
    keys.push_back(latin_key(std::string_view(f.latin_chars).substr(l.offset, l.size)));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

struct CrossLingualIndex::Impl {
  const Lexicon* lexicon;
  Lang lang;
  Lang query_lang;
  CrossLingualOptions options;
  CrossLingualFeaturizer featurizer;        // lang → query_lang, for add()
  CrossLingualFeaturizer query_featurizer;  // query_lang → lang
  CrossLingualScorer scorer;
  std::vector<CrossLingualFeatures> statements;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  bool finished = false;

  Impl(const Lexicon& lex, Lang l, Lang q, CrossLingualOptions o)
      : lexicon(&lex),
        lang(l),
        query_lang(q),
        options(o),
        featurizer(lex, l, q, o),
        query_featurizer(lex, q, l, o),
        scorer(o) {}
};

CrossLingualIndex::CrossLingualIndex(const Lexicon& lexicon, Lang lang, Lang query_lang,
                                     CrossLingualOptions options)
    : impl_(std::make_unique<Impl>(lexicon, lang, query_lang, options)) {}
CrossLingualIndex::~CrossLingualIndex() = default;
CrossLingualIndex::CrossLingualIndex(CrossLingualIndex&&) noexcept = default;
CrossLingualIndex& CrossLingualIndex::operator=(CrossLingualIndex&&) noexcept = default;

std::uint32_t CrossLingualIndex::add(std::string_view text, Span span) {
  if (impl_->finished) throw Error("CrossLingualIndex::add after finish()");
  if (impl_->statements.size() >= 0xFFFFFFFEu) throw Error("CrossLingualIndex: too many statements");
  CrossLingualFeatures f;
  impl_->featurizer.prepare(text, span, f);
  // As a target, a statement only needs its own ids: drop the translations (most of the memory).
  f.expanded.clear();
  f.expanded.shrink_to_fit();
  f.expanded_bits.fill(0);
  impl_->statements.push_back(std::move(f));
  return static_cast<std::uint32_t>(impl_->statements.size() - 1);
}

void CrossLingualIndex::finish() {
  if (impl_->finished) return;
  apply_idf(impl_->statements);
  std::vector<std::uint64_t> keys;
  for (std::uint32_t s = 0; s < impl_->statements.size(); ++s) {
    index_keys(impl_->statements[s], keys);
    for (const auto k : keys) impl_->postings[k].push_back(s);
  }
  impl_->finished = true;
}

std::size_t CrossLingualIndex::size() const noexcept { return impl_->statements.size(); }
Lang CrossLingualIndex::lang() const noexcept { return impl_->lang; }
Lang CrossLingualIndex::query_lang() const noexcept { return impl_->query_lang; }

CrossLingualFeatures CrossLingualIndex::prepare_query(std::string_view text, Span span) const {
  return impl_->query_featurizer.prepare(text, span);
}

std::vector<CrossLingualHit> CrossLingualIndex::search(std::string_view text, Span span, std::size_t k,
                                                       const CrossLingualSearchOptions& options) const {
  return search(prepare_query(text, span), k, options);
}

std::vector<CrossLingualHit> CrossLingualIndex::search(const CrossLingualFeatures& query_in, std::size_t k,
                                                       const CrossLingualSearchOptions& options) const {
  if (!impl_->finished) throw Error("CrossLingualIndex::search before finish()");
  if (query_in.lang != impl_->query_lang || query_in.other != impl_->lang)
    throw UsageError("CrossLingualIndex::search: the query was prepared for another language pair");
  const auto& stmts = impl_->statements;
  const auto n = static_cast<std::uint32_t>(stmts.size());
  if (n == 0 || k == 0) return {};

  // The keys under which each query unit may find a partner, with the strength of that match.
  struct Probe {
    std::uint64_t key;
    std::uint16_t unit;
    float strength;
  };
  std::vector<Probe> probes;
  for (const auto& e : query_in.expanded) {
    float m = e.kind == PairKind::word ? 1.0f : impl_->options.phrase_weight;
    if (e.derived) m *= impl_->options.derived_weight;
    probes.push_back({id_key(e.id), e.unit, m});
  }
  for (std::uint16_t u = 0; u < query_in.units.size(); ++u)
    if (query_in.units[u].kind == CrossLingualFeatures::kNumber)
      probes.push_back({number_key(query_in.units[u].key), u, 1.0f});
  for (const auto& l : query_in.latin)
    if (l.candidate)
      probes.push_back(
          {latin_key(std::string_view(query_in.latin_chars).substr(l.offset, l.size)), l.unit, 0.7f});
  std::sort(probes.begin(), probes.end(), [](const Probe& a, const Probe& b) { return a.unit < b.unit; });

  // Pass 1: how many statements each query unit reaches (its document frequency in the corpus,
  // through its translations), for its weight.
  CrossLingualFeatures query = query_in;
  std::vector<std::uint32_t> stamp(n, 0xFFFFFFFFu);
  std::vector<float> best(n, 0.0f);
  std::vector<float> acc(n, 0.0f);
  std::vector<std::uint8_t> is_touched(n, 0);
  std::vector<std::uint32_t> touched;
  const double idf_once = std::log((double(n) + 1.0) / 2.0) + 1.0;
  for (std::size_t p = 0; p < probes.size();) {
    const std::uint16_t u = probes[p].unit;
    std::size_t q = p;
    std::uint32_t reach = 0;
    for (; q < probes.size() && probes[q].unit == u; ++q) {
      const auto it = impl_->postings.find(probes[q].key);
      if (it == impl_->postings.end()) continue;
      for (const std::uint32_t s : it->second)
        if (stamp[s] != u) {
          stamp[s] = u;
          ++reach;
        }
    }
    const double idf = (std::log((double(n) + 1.0) / (double(reach) + 1.0)) + 1.0) / idf_once;
    query.units[u].weight *= static_cast<float>(std::max(idf, 0.05));
    p = q;
  }
  query.sum_weights();
  std::fill(stamp.begin(), stamp.end(), 0xFFFFFFFFu);

  // Pass 2: each statement accumulates, per query unit, the unit's weight times its best match.
  // Postings of keys found in over a quarter of a large corpus are skipped: they cost time and
  // rank nothing.
  const std::size_t too_common = n >= 400 ? n / 4 : n;
  for (std::size_t p = 0; p < probes.size();) {
    const std::uint16_t u = probes[p].unit;
    const float w = query.units[u].weight;
    std::size_t q = p;
    for (; q < probes.size() && probes[q].unit == u; ++q) {
      const auto it = impl_->postings.find(probes[q].key);
      if (it == impl_->postings.end() || it->second.size() > too_common) continue;
      for (const std::uint32_t s : it->second) {
        if (stamp[s] != u) {
          stamp[s] = u;
          best[s] = 0.0f;
          if (!is_touched[s]) {
            is_touched[s] = 1;
            touched.push_back(s);
          }
        }
        const float gain = w * probes[q].strength;
        if (gain > best[s]) {
          acc[s] += gain - best[s];
          best[s] = gain;
        }
      }
    }
    p = q;
  }

  const std::size_t want = std::max(options.candidates, k);
  if (touched.size() > want) {
    std::nth_element(
        touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(want), touched.end(),
        [&](std::uint32_t a, std::uint32_t b) { return acc[a] > acc[b] || (acc[a] == acc[b] && a < b); });
    touched.resize(want);
  }
  std::vector<CrossLingualHit> hits;
  hits.reserve(touched.size());
  for (const std::uint32_t s : touched) {
    const CrossLingualParts parts = impl_->scorer.score(query, stmts[s]);
    if (parts.total >= options.min_total) hits.push_back({s, parts});
  }
  std::sort(hits.begin(), hits.end(), [](const CrossLingualHit& a, const CrossLingualHit& b) {
    return a.parts.total > b.parts.total || (a.parts.total == b.parts.total && a.index < b.index);
  });
  if (hits.size() > k) hits.resize(k);
  return hits;
}

std::vector<TranslationHit> find_translations(std::span<const Document> docs, std::string_view query,
                                              Lang query_lang, const Lexicon& lexicon,
                                              const TranslationSearchOptions& options) {
  if (query.size() > 0xFFFFFFFFu) throw UsageError("cross-lingual search: the query is longer than 4 GiB");
  const auto paired = [&](Lang l) { return l != query_lang && lexicon.entries(query_lang, l) > 0; };
  if (!paired(Lang::en) && !paired(Lang::ru) && !paired(Lang::tr))
    throw UsageError("cross-lingual search: the lexicon has no dictionary for the query language " +
                     std::string(to_string(query_lang)) + " (en, ru and tr are paired with English)");
  struct Ref {
    std::uint32_t doc;
    std::uint32_t statement;
    Span span;
  };
  std::vector<TranslationHit> hits;
  SegmentOptions seg;
  seg.quotes = false;
  for (const Lang lang : {Lang::en, Lang::ru, Lang::tr}) {
    if (!paired(lang)) continue;
    CrossLingualIndex index(lexicon, lang, query_lang);
    std::vector<Ref> refs;
    for (std::uint32_t d = 0; d < docs.size(); ++d) {
      if (docs[d].lang != lang) continue;
      const std::vector<Statement> statements = segment(docs[d], seg);
      for (const Statement& st : statements) {
        if (st.kind != StatementKind::sentence) continue;
        if (options.answers_only && st.role == Role::question) continue;
        if (!speaker_matches(st.speaker, options.speakers)) continue;
        index.add(docs[d].text, st.span);
        refs.push_back({d, st.index, st.span});
      }
    }
    if (refs.empty()) continue;
    index.finish();
    CrossLingualSearchOptions so;
    so.candidates = options.candidates;
    so.min_total = options.min_total;
    for (const CrossLingualHit& h :
         index.search(query, Span{0, static_cast<std::uint32_t>(query.size())}, options.top, so)) {
      const Ref& r = refs[h.index];
      hits.push_back({r.doc, r.statement, r.span, h.parts});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const TranslationHit& a, const TranslationHit& b) {
    if (a.parts.total != b.parts.total) return a.parts.total > b.parts.total;
    return a.doc != b.doc ? a.doc < b.doc : a.statement < b.statement;
  });
  if (hits.size() > options.top) hits.resize(options.top);
  return hits;
}

}  // namespace quotekit
