#include "quotekit/cluster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "quotekit/fingerprint.hpp"
#include "quotekit/parallel.hpp"

namespace quotekit {

std::string_view to_string(Boilerplate b) noexcept {
  switch (b) {
    case Boilerplate::short_statements:
      return "short";
    case Boilerplate::questions:
      return "questions";
    case Boilerplate::furniture:
      return "furniture";
    case Boilerplate::headings:
      return "headings";
    case Boilerplate::none:
      break;
  }
  return "none";
}

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Above this many distinct wordings, the medoid uses verified pairs only (no rescoring).
constexpr std::size_t kRescoreLimit = 200;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower_ascii(hay[i + j]) == lower_ascii(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

struct Edge {
  std::uint32_t to;
  float w;
};

class Clusterer {
 public:
  Clusterer(std::span<const ClusterDocument> docs, std::span<const ClusterStatement> st,
            const ClusterOptions& opt, const RescoreFn& rescore)
      : docs_(docs), st_(st), opt_(opt), rescore_(rescore) {}

  ClusterResult run(std::span<const ScoredPair> pairs) {
    validate(pairs);
    rank_documents();
    select();
    make_nodes();
    make_edges(pairs);
    grow();
    return collect();
  }

 private:
  // Earliest first: dated before undated, then date, document id, index, input position.
  // Documents are ranked once (rank_documents()), so the sorts compare integers, not strings.
  bool earlier(std::uint32_t a, std::uint32_t b) const {
    const std::uint32_t ra = doc_rank_[st_[a].doc], rb = doc_rank_[st_[b].doc];
    if (ra != rb) return ra < rb;
    if (st_[a].index != st_[b].index) return st_[a].index < st_[b].index;
    return a < b;
  }

  // doc_rank_[d]: position of document d in (dated first, date, id) order; documents equal on
  // all three share a rank, so that the statement index decides between them as before.
  void rank_documents() {
    std::vector<std::uint32_t> order(docs_.size());
    std::iota(order.begin(), order.end(), 0U);
    auto key = [&](std::uint32_t d) { return std::tuple(docs_[d].date.empty(), docs_[d].date, docs_[d].id); };
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });
    doc_rank_.assign(docs_.size(), 0);
    std::uint32_t rank = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (k > 0 && key(order[k - 1]) < key(order[k])) ++rank;
      doc_rank_[order[k]] = rank;
    }
  }

  void validate(std::span<const ScoredPair> pairs) const {
    for (std::size_t i = 0; i < st_.size(); ++i) {
      if (st_[i].doc >= docs_.size()) {
        throw UsageError(fmt::format("statement {} names document {} but only {} were given", i, st_[i].doc,
                                     docs_.size()));
      }
    }
    for (const auto& p : pairs) {
      if (p.a >= st_.size() || p.b >= st_.size()) {
        throw UsageError(
            fmt::format("pair ({}, {}) points past the {} statements given", p.a, p.b, st_.size()));
      }
    }
  }

  void select() {
    qa_doc_.assign(docs_.size(), 0);
    for (const auto& s : st_) {
      if (s.role != Role::none) qa_doc_[s.doc] = 1;
    }
    eligible_.assign(st_.size(), 0);
    for (std::size_t i = 0; i < st_.size(); ++i) {
      const bool ok = cluster_eligible(st_[i], opt_);
      eligible_[i] = ok;
      filtered_ += !ok;
    }
  }

  // Nodes: eligible statements with equal `exact` (under merge_exact), numbered in order of
  // their first statement; found by sorting the keys (a hash map over millions of statements
  // spent its time in cache misses).
  void make_nodes() {
    node_of_.assign(st_.size(), kNone);
    std::vector<std::uint32_t> leader(st_.size(), kNone);  // statement → first of its key
    if (opt_.merge_exact) {
      std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
      for (std::uint32_t i = 0; i < st_.size(); ++i) {
        if (eligible_[i]) keyed.emplace_back(st_[i].exact, i);
      }
      std::sort(keyed.begin(), keyed.end());
      for (std::size_t k = 0; k < keyed.size(); ++k) {
        const bool first = k == 0 || keyed[k - 1].first != keyed[k].first;
        leader[keyed[k].second] = first ? keyed[k].second : leader[keyed[k - 1].second];
      }
    } else {
      for (std::uint32_t i = 0; i < st_.size(); ++i) {
        if (eligible_[i]) leader[i] = i;
      }
    }
    std::vector<std::uint32_t> size;
    for (std::uint32_t i = 0; i < st_.size(); ++i) {
      if (leader[i] == kNone) continue;
      if (leader[i] == i) {
        node_of_[i] = static_cast<std::uint32_t>(rep_.size());
        rep_.push_back(i);
        size.push_back(1);
      } else {
        node_of_[i] = node_of_[leader[i]];  // the leader comes first: it has the smallest index
        ++size[node_of_[i]];
      }
    }
    // Statements of each node, earliest first (CSR); the earliest represents the node.
    const std::size_t n = rep_.size();
    node_start_.assign(n + 1, 0);
    for (std::size_t v = 0; v < n; ++v) node_start_[v + 1] = node_start_[v] + size[v];
    node_stmts_.resize(node_start_[n]);
    std::vector<std::uint32_t> fill(node_start_.begin(), node_start_.end() - 1);
    for (std::uint32_t i = 0; i < st_.size(); ++i) {
      if (node_of_[i] != kNone) node_stmts_[fill[node_of_[i]]++] = i;
    }
    for (std::size_t v = 0; v < n; ++v) {
      if (size[v] < 2) continue;
      const auto first = node_stmts_.begin() + node_start_[v],
                 last = node_stmts_.begin() + node_start_[v + 1];
      std::sort(first, last, [&](std::uint32_t a, std::uint32_t b) { return earlier(a, b); });
      rep_[v] = *first;
    }
  }

  std::uint32_t node_size(std::uint32_t v) const { return node_start_[v + 1] - node_start_[v]; }

  void make_edges(std::span<const ScoredPair> pairs) {
    struct E {
      std::uint32_t a, b;
      float w;
    };
    std::vector<E> edges;
    for (const auto& p : pairs) {
      if (!(p.score >= opt_.threshold)) continue;
      std::uint32_t a = node_of_[p.a], b = node_of_[p.b];
      if (a == kNone || b == kNone || a == b) continue;
      if (a > b) std::swap(a, b);
      edges.push_back({a, b, std::min(p.score, 1.0f)});
    }
    std::sort(edges.begin(), edges.end(), [](const E& x, const E& y) {
      return x.a != y.a ? x.a < y.a : x.b != y.b ? x.b < y.b : x.w > y.w;
    });
    edges.erase(std::unique(edges.begin(), edges.end(),
                            [](const E& x, const E& y) { return x.a == y.a && x.b == y.b; }),
                edges.end());  // keeps the highest score of duplicates
    const std::size_t n = rep_.size();
    adj_start_.assign(n + 1, 0);
    for (const E& e : edges) {
      ++adj_start_[e.a + 1];
      ++adj_start_[e.b + 1];
    }
    for (std::size_t v = 0; v < n; ++v) adj_start_[v + 1] += adj_start_[v];
    adj_.resize(adj_start_[n]);
    std::vector<std::uint32_t> fill(adj_start_.begin(), adj_start_.end() - 1);
    for (const E& e : edges) {
      adj_[fill[e.a]++] = {e.b, e.w};
      adj_[fill[e.b]++] = {e.a, e.w};
    }
    for (std::size_t v = 0; v < n; ++v) {
      std::sort(adj_.begin() + adj_start_[v], adj_.begin() + adj_start_[v + 1],
                [](const Edge& x, const Edge& y) { return x.to < y.to; });
    }
  }

  std::span<const Edge> neighbours(std::uint32_t v) const {
    return {adj_.data() + adj_start_[v], adj_start_[v + 1] - adj_start_[v]};
  }

  // Verified score between two nodes, or -1 when there is no edge.
  float edge(std::uint32_t a, std::uint32_t b) const {
    const auto nb = neighbours(a);
    const auto it =
        std::lower_bound(nb.begin(), nb.end(), b, [](const Edge& e, std::uint32_t x) { return e.to < x; });
    return it != nb.end() && it->to == b ? it->w : -1.0f;
  }

  void grow() {
    const std::size_t n = rep_.size();
    std::vector<double> strength(n);
    for (std::uint32_t v = 0; v < n; ++v) {
      double s = node_size(v) - 1.0;
      for (const Edge& e : neighbours(v)) s += static_cast<double>(e.w) * node_size(e.to);
      strength[v] = s;
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return strength[a] != strength[b] ? strength[a] > strength[b] : earlier(rep_[a], rep_[b]);
    });
    std::vector<std::uint8_t> assigned(n, 0);
    std::vector<Edge> cands;
    for (const std::uint32_t c : order) {
      if (assigned[c]) continue;
      assigned[c] = 1;
      std::vector<std::uint32_t> members{c};
      std::uint64_t sample_size = node_size(c);  // statements among the first majority_sample members
      cands.clear();
      for (const Edge& e : neighbours(c)) {
        if (!assigned[e.to]) cands.push_back(e);
      }
      std::sort(cands.begin(), cands.end(), [&](const Edge& x, const Edge& y) {
        return x.w != y.w ? x.w > y.w : earlier(rep_[x.to], rep_[y.to]);
      });
      for (const Edge& cand : cands) {
        const std::size_t sample =
            std::min<std::size_t>(members.size(), std::max<std::uint32_t>(opt_.majority_sample, 1));
        std::uint64_t matched = 0;
        for (std::size_t k = 0; k < sample; ++k) {
          const std::uint32_t m = members[k];
          if (m == c || matches(cand.to, m)) matched += node_size(m);
        }
        if (2 * matched > sample_size) {
          members.push_back(cand.to);
          assigned[cand.to] = 1;
          if (members.size() <= std::max<std::uint32_t>(opt_.majority_sample, 1))
            sample_size += node_size(cand.to);
        }
      }
      groups_.push_back(std::move(members));
    }
  }

  // Whether two nodes match: a verified pair, or the caller's rescore reaching the threshold.
  bool matches(std::uint32_t a, std::uint32_t b) const {
    if (edge(a, b) >= 0) return true;
    return rescore_ && rescore_(rep_[a], rep_[b]) >= opt_.threshold;
  }

  // Score between nodes for the medoid: 1 within a node, the verified score, the caller's
  // rescore, or 0.
  float node_score(std::uint32_t a, std::uint32_t b, bool may_rescore) const {
    if (a == b) return 1.0f;
    const float w = edge(a, b);
    if (w >= 0) return w;
    if (may_rescore && rescore_) return rescore_(rep_[a], rep_[b]);
    return 0.0f;
  }

  // Boilerplate when most members (strictly more than half) are of one kind: one longer
  // rendering joining "No, no." or "Welcome, Mr. President." does not make them a talking point.
  Boilerplate classify(const std::vector<std::uint32_t>& stmts) const {
    auto most = [&](auto pred) {
      const auto n = std::count_if(stmts.begin(), stmts.end(), [&](std::uint32_t i) { return pred(st_[i]); });
      return 2 * static_cast<std::size_t>(n) > stmts.size();
    };
    if (most([](const ClusterStatement& s) { return s.kind == StatementKind::furniture; })) {
      return Boilerplate::furniture;
    }
    if (most([](const ClusterStatement& s) { return s.role == Role::question; })) {
      return Boilerplate::questions;
    }
    if (most([&](const ClusterStatement& s) { return s.role == Role::none && qa_doc_[s.doc]; })) {
      return Boilerplate::headings;
    }
    if (most([&](const ClusterStatement& s) {
          return s.content_terms <= opt_.short_content_terms && !s.has_names;
        })) {
      return Boilerplate::short_statements;
    }
    return Boilerplate::none;
  }

  enum class Fate : std::uint8_t { single, boilerplate, few_documents, kept };

  // The talking point of one group (members, spread, medoid, id before any clash), or why
  // there is none. Reads only: groups are made on several threads.
  Fate make_point(const std::vector<std::uint32_t>& group, TalkingPoint& tp) const {
    std::vector<std::uint32_t> stmts;
    for (const std::uint32_t v : group) {
      stmts.insert(stmts.end(), node_stmts_.begin() + node_start_[v],
                   node_stmts_.begin() + node_start_[v + 1]);
    }
    if (stmts.size() < 2) return Fate::single;
    std::sort(stmts.begin(), stmts.end(), [&](std::uint32_t a, std::uint32_t b) { return earlier(a, b); });

    tp.boilerplate = classify(stmts);
    if (tp.boilerplate != Boilerplate::none && !opt_.keep_boilerplate) return Fate::boilerplate;
    std::unordered_set<std::uint32_t> doc_set;
    std::unordered_set<std::string_view> outlet_set;
    for (const std::uint32_t i : stmts) {
      const auto& d = docs_[st_[i].doc];
      doc_set.insert(st_[i].doc);
      if (!d.outlet.empty()) outlet_set.insert(d.outlet);
      if (!d.date.empty()) {
        if (tp.first_date.empty() || d.date < tp.first_date) tp.first_date = std::string(d.date);
        if (tp.last_date.empty() || d.date > tp.last_date) tp.last_date = std::string(d.date);
      }
    }
    tp.documents = static_cast<std::uint32_t>(doc_set.size());
    tp.outlets = static_cast<std::uint32_t>(outlet_set.size());
    if (tp.documents < opt_.min_docs) return Fate::few_documents;
    // Medoid over distinct wordings, each weighted by its number of statements.
    const bool may_rescore = group.size() <= kRescoreLimit;
    std::uint32_t best = group[0];
    double best_sum = -1;
    for (const std::uint32_t p : group) {
      double sum = node_size(p) - 1.0;
      for (const std::uint32_t q : group) {
        if (q != p) sum += static_cast<double>(node_score(p, q, may_rescore)) * node_size(q);
      }
      if (sum > best_sum + 1e-9 || (std::abs(sum - best_sum) <= 1e-9 && earlier(rep_[p], rep_[best]))) {
        best_sum = sum;
        best = p;
      }
    }
    tp.medoid = rep_[best];
    for (const std::uint32_t i : stmts) {
      tp.members.push_back({i, st_[i].doc, st_[i].index, node_score(node_of_[i], best, may_rescore)});
    }
    tp.id = to_hex(id_hash(stmts.front(), false));
    return Fate::kept;
  }

  // XXH3-64 of the earliest member's document id, seeded with its exact hash (and its index
  // too, for the rare clash).
  std::uint64_t id_hash(std::uint32_t first, bool clash) const {
    const std::string_view doc_id = docs_[st_[first].doc].id;
    const std::uint64_t seed =
        clash ? st_[first].exact ^ (0x9E3779B97F4A7C15ULL * (st_[first].index + 1ULL)) : st_[first].exact;
    return XXH3_64bits_withSeed(doc_id.data(), doc_id.size(), seed);
  }

  // Groups become talking points on opt_.threads threads (the medoid's rescoring is most of
  // the work); ids and counts are then settled in group order, so the result is the same
  // whatever the threads.
  ClusterResult collect() {
    ClusterResult result;
    result.filtered = filtered_;
    // Most groups are one statement: only the others get a TalkingPoint.
    std::vector<std::uint32_t> multi;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      std::size_t n = 0;
      for (const std::uint32_t v : groups_[g]) n += node_size(v);
      if (n >= 2) multi.push_back(static_cast<std::uint32_t>(g));
    }
    std::vector<TalkingPoint> points(multi.size());
    std::vector<Fate> fate(multi.size(), Fate::single);
    constexpr std::size_t kBatch = 64;
    std::atomic<std::size_t> next{0};
    const unsigned threads =
        std::max(1U, std::min<unsigned>(opt_.threads, static_cast<unsigned>(multi.size() / kBatch + 1)));
    detail::run_parallel(threads, [&](unsigned) {
      for (std::size_t lo; (lo = next.fetch_add(kBatch, std::memory_order_relaxed)) < multi.size();) {
        for (std::size_t k = lo; k < std::min(multi.size(), lo + kBatch); ++k)
          fate[k] = make_point(groups_[multi[k]], points[k]);
      }
    });
    std::unordered_set<std::string> ids;
    for (std::size_t g = 0; g < multi.size(); ++g) {
      switch (fate[g]) {
        case Fate::single:
          continue;
        case Fate::boilerplate:
          ++result.boilerplate;
          continue;
        case Fate::few_documents:
          ++result.below_min_docs;
          continue;
        case Fate::kept:
          break;
      }
      TalkingPoint& tp = points[g];
      // A clash (possible only without merge_exact) takes the statement index in as well.
      if (!ids.insert(tp.id).second) {
        tp.id = to_hex(id_hash(tp.members.front().statement, true));
        ids.insert(tp.id);
      }
      result.clusters.push_back(std::move(tp));
    }
    std::sort(result.clusters.begin(), result.clusters.end(),
              [](const TalkingPoint& a, const TalkingPoint& b) {
                if (a.documents != b.documents) return a.documents > b.documents;
                if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
                return a.id < b.id;
              });
    return result;
  }

  std::span<const ClusterDocument> docs_;
  std::span<const ClusterStatement> st_;
  const ClusterOptions& opt_;
  const RescoreFn& rescore_;

  std::vector<std::uint8_t> eligible_;
  std::vector<std::uint8_t> qa_doc_;     // documents with question/answer turns (interviews)
  std::vector<std::uint32_t> doc_rank_;  // see rank_documents()
  std::size_t filtered_ = 0;
  std::vector<std::uint32_t> node_of_;     // statement → node (kNone: left out)
  std::vector<std::uint32_t> rep_;         // node → its earliest statement
  std::vector<std::uint32_t> node_start_;  // CSR: statements of node v
  std::vector<std::uint32_t> node_stmts_;
  std::vector<std::uint32_t> adj_start_;  // CSR: verified edges of node v, by neighbour
  std::vector<Edge> adj_;
  std::vector<std::vector<std::uint32_t>> groups_;  // centre first, then members in joining order
};

}  // namespace

bool speaker_matches(std::string_view speaker, std::span<const std::string> names) {
  return names.empty() || std::any_of(names.begin(), names.end(),
                                      [&](const std::string& name) { return contains_ci(speaker, name); });
}

bool cluster_eligible(const ClusterStatement& s, const ClusterOptions& opt) {
  if (s.content_terms == 0) return false;
  if (opt.answers_only && s.role == Role::question) return false;
  if (!speaker_matches(s.speaker, opt.speakers)) return false;
  return opt.keep_boilerplate ||
         (s.kind != StatementKind::furniture && s.content_terms >= opt.min_content_terms);
}

ClusterResult cluster_talking_points(std::span<const ClusterDocument> documents,
                                     std::span<const ClusterStatement> statements,
                                     std::span<const ScoredPair> pairs, const ClusterOptions& options,
                                     const RescoreFn& rescore) {
  return Clusterer(documents, statements, options, rescore).run(pairs);
}

}  // namespace quotekit
