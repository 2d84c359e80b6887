#include "quotekit/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace quotekit {

namespace {

// Building a Tokenizer loads Snowball and ICU iterators: one per language per thread.
const Tokenizer& tokenizer_for(Lang lang) {
  thread_local std::array<std::unique_ptr<Tokenizer>, 5> cache;
  auto& slot = cache[static_cast<std::size_t>(lang) % cache.size()];
  if (!slot) slot = std::make_unique<Tokenizer>(lang);
  return *slot;
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// One side of the comparison: its statements, their tokens (one array, statement k owning
// tokens [first[k], first[k+1])), and the Scorer's features of every statement and of every two
// consecutive ones (for 1-2 / 2-1 / 2-2 beads: the merged statements are scored as one).
struct Side {
  const Document* doc = nullptr;
  std::vector<Statement> statements;
  std::vector<Token> tokens;
  std::vector<std::uint32_t> first;
  std::vector<StatementFeatures> single;
  std::vector<StatementFeatures> merged;
  // For statements without content terms ("So after all.", "No."), which the Scorer cannot
  // tell apart: the sorted hashes of their words' normalized forms.
  std::vector<std::vector<std::uint64_t>> single_words;
  std::vector<std::vector<std::uint64_t>> merged_words;

  std::span<const Token> range(std::uint32_t begin, std::uint32_t end) const {
    return {tokens.data() + first[begin], first[end] - first[begin]};
  }
  const StatementFeatures& features(std::uint32_t begin, std::uint32_t end) const {
    return end - begin == 1 ? single[begin] : merged[begin];
  }
  const std::vector<std::uint64_t>& words(std::uint32_t begin, std::uint32_t end) const {
    return end - begin == 1 ? single_words[begin] : merged_words[begin];
  }
  // Bytes from the first statement's start to the last one's end; for an empty range, the
  // boundary where statement `begin` would be.
  Span span(std::uint32_t begin, std::uint32_t end) const {
    if (begin < end) return {statements[begin].span.start, statements[end - 1].span.end};
    const std::uint32_t at = begin < statements.size() ? statements[begin].span.start
                             : statements.empty()      ? 0
                                                       : statements.back().span.end;
    return {at, at};
  }
};

void check_statements(const Document& doc, const std::vector<Statement>& statements, std::string_view side) {
  std::uint32_t last_end = 0;
  for (std::size_t k = 0; k < statements.size(); ++k) {
    const Span s = statements[k].span;
    if (s.start > s.end || s.end > doc.text.size()) {
      throw InputError(doc.source.empty() ? doc.id : doc.source, s.start,
                       fmt::format("statement {} of {} spans [{},{}), outside the text of {} bytes", k, side,
                                   s.start, s.end, doc.text.size()),
                       "statements must index into their document's text");
    }
    if (s.start < last_end) {
      throw InputError(doc.source.empty() ? doc.id : doc.source, s.start,
                       fmt::format("statement {} of {} overlaps or precedes the one before it", k, side),
                       "pass statements in document order without overlaps (no quote statements)");
    }
    last_end = s.end;
  }
}

void tokenize_side(Side& side) {
  const Tokenizer& tokenizer = tokenizer_for(side.doc->lang);
  side.first.reserve(side.statements.size() + 1);
  for (const Statement& st : side.statements) {
    side.first.push_back(static_cast<std::uint32_t>(side.tokens.size()));
    tokenizer.tokenize(side.doc->text, st.span, side.tokens);
  }
  side.first.push_back(static_cast<std::uint32_t>(side.tokens.size()));
}

void function_words(std::span<const Token> tokens, std::vector<std::uint64_t>& out) {
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::punct) out.push_back(term_hash(t.norm));
  }
  std::sort(out.begin(), out.end());
}

void prepare_side(Side& side, const Scorer& scorer) {
  const auto n = static_cast<std::uint32_t>(side.statements.size());
  const std::uint32_t pairs = n > 0 ? n - 1 : 0;
  side.single.resize(n);
  side.merged.resize(pairs);
  side.single_words.resize(n);
  side.merged_words.resize(pairs);
  for (std::uint32_t k = 0; k < n; ++k) {
    scorer.prepare(side.doc->text, side.range(k, k + 1), side.single[k]);
    if (side.single[k].content_terms() == 0) function_words(side.range(k, k + 1), side.single_words[k]);
  }
  for (std::uint32_t k = 0; k < pairs; ++k) {
    scorer.prepare(side.doc->text, side.range(k, k + 2), side.merged[k]);
    if (side.merged[k].content_terms() == 0) function_words(side.range(k, k + 2), side.merged_words[k]);
  }
}

// Dice coefficient of two sorted multisets of word hashes (0 when either is empty).
double word_dice(const std::vector<std::uint64_t>& x, const std::vector<std::uint64_t>& y) {
  if (x.empty() || y.empty()) return 0.0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

// Exact key of a statement: its words' normalized forms in order (punctuation left out), or 0
// for statements of fewer than four words (too common to tie two places together).
std::uint64_t exact_key(std::span<const Token> tokens) {
  std::string joined;
  std::size_t words = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::punct) continue;
    joined += t.norm;
    joined += ' ';
    ++words;
  }
  return words >= 4 ? term_hash(joined) : 0;
}

// Anchors: 1-1 pairs so certain that the alignment may be cut there — statements identical
// word for word and unique on both sides, or pairs sharing at least two terms that occur once
// in A and once in B, scoring at least `min_score` and better than every merged bead around
// them (less `merge_penalty`). The longest chain of them increasing on
// both sides is kept (a crossing anchor is a false one). Returns (a, b) pairs in order.
template <class Score>
std::vector<std::pair<std::uint32_t, std::uint32_t>> find_anchors(const Side& sa, const Side& sb,
                                                                  std::size_t terms, Score&& score,
                                                                  double min_score, double merge_penalty) {
  const auto n = static_cast<std::uint32_t>(sa.statements.size());
  const auto m = static_cast<std::uint32_t>(sb.statements.size());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;

  // Identical statements, unique on each side.
  std::unordered_map<std::uint64_t, std::int64_t> keys;  // key -> index in A, or -1 when repeated
  std::vector<std::uint64_t> key_b(m);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t k = exact_key(sa.range(i, i + 1));
    if (k == 0) continue;
    const auto [it, fresh] = keys.emplace(k, i);
    if (!fresh) it->second = -1;
  }
  std::unordered_map<std::uint64_t, std::int64_t> keys_b;
  for (std::uint32_t j = 0; j < m; ++j) {
    key_b[j] = exact_key(sb.range(j, j + 1));
    if (key_b[j] == 0) continue;
    const auto [it, fresh] = keys_b.emplace(key_b[j], j);
    if (!fresh) it->second = -1;
  }
  for (const auto& [k, j] : keys_b) {
    if (j < 0) continue;
    const auto it = keys.find(k);
    if (it != keys.end() && it->second >= 0) {
      candidates.emplace_back(static_cast<std::uint32_t>(it->second), static_cast<std::uint32_t>(j));
    }
  }

  // Pairs of statements sharing two or more terms that each side uses in one statement only.
  constexpr std::uint32_t kNone = 0xFFFFFFFF, kMany = 0xFFFFFFFE;
  std::vector<std::uint32_t> in_a(terms, kNone), in_b(terms, kNone);
  const auto note = [](std::vector<std::uint32_t>& where, const Side& side, std::uint32_t count) {
    for (std::uint32_t k = 0; k < count; ++k) {
      for (const std::uint32_t t : side.single[k].terms) {
        if (t < where.size()) where[t] = where[t] == kNone ? k : kMany;
      }
    }
  };
  note(in_a, sa, n);
  note(in_b, sb, m);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> shared;
  for (std::size_t t = 0; t < terms; ++t) {
    if (in_a[t] < kMany && in_b[t] < kMany) shared.emplace_back(in_a[t], in_b[t]);
  }
  std::sort(shared.begin(), shared.end());
  for (std::size_t k = 0; k < shared.size();) {
    std::size_t e = k;
    while (e < shared.size() && shared[e] == shared[k]) ++e;
    if (e - k >= 2) candidates.push_back(shared[k]);
    k = e;
  }

  // A candidate must score well, and better as a 1-1 than any merged bead around it (a sentence
  // split in two shares its rare terms with one half): merges stay the aligner's decision.
  std::erase_if(candidates, [&](const std::pair<std::uint32_t, std::uint32_t>& c) {
    const auto [i, j] = c;
    const double one = score(i, i + 1, j, j + 1);
    if (one < min_score) return true;
    double merged = 0;
    for (std::uint32_t a0 = i > 0 ? i - 1 : 0; a0 <= i; ++a0) {
      for (std::uint32_t b0 = j > 0 ? j - 1 : 0; b0 <= j; ++b0) {
        for (std::uint32_t a1 = a0 + 1; a1 <= std::min(a0 + 2, n); ++a1) {
          for (std::uint32_t b1 = b0 + 1; b1 <= std::min(b0 + 2, m); ++b1) {
            if (a1 - a0 == 1 && b1 - b0 == 1) continue;
            if (a1 <= i || b1 <= j) continue;  // must contain (i, j)
            merged = std::max(merged, score(a0, a1, b0, b1) - merge_penalty);
          }
        }
      }
    }
    return one < merged;
  });

  // Longest chain increasing in both a and b: sorted by a, and by b descending within one a so
  // that two anchors of one A statement cannot chain; then patience sorting over b.
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second > y.second;
  });
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::size_t> tails, parent(candidates.size(), SIZE_MAX);
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto it =
        std::lower_bound(tails.begin(), tails.end(), candidates[k].second,
                         [&](std::size_t x, std::uint32_t b) { return candidates[x].second < b; });
    if (it != tails.begin()) parent[k] = *(it - 1);
    if (it == tails.end()) {
      tails.push_back(k);
    } else {
      *it = k;
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;
  for (std::size_t k = tails.empty() ? SIZE_MAX : tails.back(); k != SIZE_MAX; k = parent[k]) {
    chain.push_back(candidates[k]);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace

Statement whole_text_statement(const Document& doc) {
  std::size_t start = 0, end = doc.text.size();
  while (start < end && is_space(doc.text[start])) ++start;
  while (end > start && is_space(doc.text[end - 1])) --end;
  Statement st;
  st.span = Span{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
  if (st.span.empty()) st.span = Span{0, 0};
  return st;
}

DocumentDrift drift_statements(const Document& a, std::vector<Statement> statements_a, const Document& b,
                               std::vector<Statement> statements_b, const DriftOptions& options) {
  if (a.lang != b.lang && a.lang != Lang::unknown && b.lang != Lang::unknown) {
    throw UsageError(fmt::format(
        "drift compares two renderings in one language, but {} is '{}' and {} is '{}' (set --lang if "
        "identification is wrong)",
        a.id, to_string(a.lang), b.id, to_string(b.lang)));
  }
  check_statements(a, statements_a, "A");
  check_statements(b, statements_b, "B");

  Side sa, sb;
  sa.doc = &a;
  sb.doc = &b;
  sa.statements = std::move(statements_a);
  sb.statements = std::move(statements_b);
  tokenize_side(sa);
  tokenize_side(sb);

  // Both renderings are the reference for term weights: a word both use throughout weighs
  // little, a rare one shared by two statements ties them.
  IdfTable idf;
  for (const Side* side : {&sa, &sb}) {
    for (std::uint32_t k = 0; k + 1 < side->first.size(); ++k) idf.add(side->range(k, k + 1));
  }
  const Scorer scorer(idf, options.score);
  prepare_side(sa, scorer);
  prepare_side(sb, scorer);

  DocumentDrift out;
  const auto n = static_cast<std::uint32_t>(sa.statements.size());
  const auto m = static_cast<std::uint32_t>(sb.statements.size());
  // A bead scoring below the floor loses to an omission plus an addition anyway, so the
  // Scorer may give up as soon as a pair cannot reach it (most cells of the band).
  const auto min_total = static_cast<float>(options.align.floor);
  // Statements made only of function words ("So after all.") have no terms for the Scorer:
  // two of them are scored by the overlap of their words instead, so that an unchanged one
  // still pairs with itself.
  const auto bead_score = [&](std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    const StatementFeatures& fa = sa.features(a0, a1);
    const StatementFeatures& fb = sb.features(b0, b1);
    if (fa.content_terms() == 0 && fb.content_terms() == 0)
      return word_dice(sa.words(a0, a1), sb.words(b0, b1));
    return static_cast<double>(scorer.score(fa, fb, min_total).total);
  };
  std::vector<std::pair<std::uint32_t, std::uint32_t>> anchors;
  if (options.anchors)
    anchors =
        find_anchors(sa, sb, idf.terms(), bead_score, options.anchor_min_score, options.align.merge_penalty);
  anchors.emplace_back(n, m);  // the end
  // Align the stretches between anchors separately: each stays near its own diagonal, so the
  // band stays narrow even after a long omission.
  std::vector<Bead> beads;
  std::uint32_t a_at = 0, b_at = 0;
  for (const auto& [ai, bj] : anchors) {
    AlignStats part;
    const auto sub = align_statements(
        ai - a_at, bj - b_at,
        [&](std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
          return bead_score(a_at + a0, a_at + a1, b_at + b0, b_at + b1);
        },
        options.align, &part);
    for (Bead bead : sub) {
      bead.a_begin += a_at;
      bead.b_begin += b_at;
      beads.push_back(bead);
    }
    out.stats.band = std::max(out.stats.band, part.band);
    out.stats.widenings += part.widenings;
    out.stats.cells += part.cells;
    out.stats.score_calls += part.score_calls;
    out.stats.band_limited = out.stats.band_limited || part.band_limited;
    out.stats.total += part.total;
    if (ai == n && bj == m) break;
    beads.push_back(Bead{ai, 1, bj, 1, bead_score(ai, ai + 1, bj, bj + 1)});
    out.stats.total += beads.back().score - options.align.floor;
    a_at = ai + 1;
    b_at = bj + 1;
  }
  out.anchors = static_cast<std::uint32_t>(anchors.size() - 1);

  DiffOptions diff = options.diff;
  if (diff.lang == Lang::unknown) diff.lang = a.lang != Lang::unknown ? a.lang : b.lang;

  out.pairs.reserve(beads.size());
  std::vector<PairDrift> drifts;
  for (const Bead& bead : beads) {
    AlignedPair p;
    p.bead = bead;
    const std::uint32_t a_end = bead.a_begin + bead.a_count, b_end = bead.b_begin + bead.b_count;
    p.a_span = sa.span(bead.a_begin, a_end);
    p.b_span = sb.span(bead.b_begin, b_end);
    if (bead.is_pair()) {
      p.parts = scorer.score(sa.features(bead.a_begin, a_end), sb.features(bead.b_begin, b_end));
      drifts.push_back(
          drift(a.text, sa.range(bead.a_begin, a_end), b.text, sb.range(bead.b_begin, b_end), diff));
    }
    out.pairs.push_back(std::move(p));
  }
  out.summary = summarize_drift(beads, drifts);
  std::size_t next = 0;
  for (AlignedPair& p : out.pairs) {
    if (p.is_pair()) p.drift = std::move(drifts[next++]);
  }
  out.a = std::move(sa.statements);
  out.b = std::move(sb.statements);
  return out;
}

DocumentDrift drift_documents(const Document& a, const Document& b, const DriftOptions& options) {
  const auto statements = [&](const Document& doc) {
    std::vector<Statement> all = segment(doc, options.segment);
    std::vector<Statement> kept;
    kept.reserve(all.size());
    for (Statement& st : all) {
      if (st.kind == StatementKind::quote) continue;
      if (st.kind == StatementKind::furniture && !options.keep_furniture) continue;
      kept.push_back(std::move(st));
    }
    return kept;
  };
  return drift_statements(a, statements(a), b, statements(b), options);
}

}  // namespace quotekit
