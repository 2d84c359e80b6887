// diff: patience diff over normalized tokens, Myers O(ND) where patience finds no unique anchor,
// then moved phrases, grouping into whole-word edits and classification (see drift.hpp).
//
// Patience diff: tokens that occur exactly once in both ranges are anchors; the longest
// increasing subsequence of anchors (by position in B) is matched, and the gaps between them
// are diffed again. Unique words ("Khankendi", "futility") make good anchors, so a
// re-translation diffs as a few word changes instead of a rewrite around repeated "the"/"that".
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "drift_classify.hpp"
#include "quotekit/drift.hpp"

namespace quotekit {

std::string_view to_string(EditOp op) noexcept {
  switch (op) {
    case EditOp::equal:
      return "equal";
    case EditOp::replace:
      return "replace";
    case EditOp::remove:
      return "delete";
    case EditOp::insert:
      return "insert";
    case EditOp::move:
      return "move";
  }
  return "?";
}

namespace {

enum class OpType : std::uint8_t { eq, del, ins };

struct Op {
  OpType type;
  std::uint32_t a;  // index into the compared A sequence (eq, del)
  std::uint32_t b;  // index into the compared B sequence (eq, ins)
};

// Myers gives up above this many differences in one gap and reports the gap as a replacement:
// its trace costs O(D^2) memory.
constexpr std::int64_t kMaxMyersD = 2000;

// Token-id sequences in, edit script out (every A and B index exactly once, both increasing).
class Differ {
 public:
  Differ(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b, std::uint32_t id_count)
      : a_(a), b_(b), count_a_(id_count, 0), count_b_(id_count, 0), pos_b_(id_count, 0) {}

  std::vector<Op> run() {
    // An explicit stack instead of recursion (pathological input cannot exhaust the call
    // stack). Tasks are pushed in reverse, so they pop in document order and every op can be
    // appended the moment its task pops.
    stack_.push_back(
        {false, 0, static_cast<std::uint32_t>(a_.size()), 0, static_cast<std::uint32_t>(b_.size())});
    while (!stack_.empty()) {
      const Task t = stack_.back();
      stack_.pop_back();
      if (t.equal) {
        for (std::uint32_t k = 0; k < t.a1 - t.a0; ++k) ops_.push_back({OpType::eq, t.a0 + k, t.b0 + k});
      } else {
        expand(t);
      }
    }
    return std::move(ops_);
  }

 private:
  struct Task {
    bool equal;  // a run of equal tokens (a1 - a0 == b1 - b0) rather than a gap to diff
    std::uint32_t a0, a1, b0, b1;
  };

  void expand(const Task& t) {
    std::uint32_t a0 = t.a0, b0 = t.b0, a1 = t.a1, b1 = t.b1;
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) ops_.push_back({OpType::eq, a0++, b0++});
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) --a1, --b1;
    if (a1 < t.a1) stack_.push_back({true, a1, t.a1, b1, t.b1});  // pops after the middle
    if (a0 == a1 || b0 == b1) {
      for (std::uint32_t i = a0; i < a1; ++i) ops_.push_back({OpType::del, i, 0});
      for (std::uint32_t j = b0; j < b1; ++j) ops_.push_back({OpType::ins, 0, j});
      return;
    }
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> anchors = unique_lis(a0, a1, b0, b1);
    if (anchors.empty()) {
      myers(a0, a1, b0, b1);
      return;
    }
    // Gaps and anchors, pushed last-first.
    std::uint32_t next_a = a1, next_b = b1;
    for (auto it = anchors.rbegin(); it != anchors.rend(); ++it) {
      const auto [pa, pb] = *it;
      if (pa + 1 < next_a || pb + 1 < next_b) stack_.push_back({false, pa + 1, next_a, pb + 1, next_b});
      stack_.push_back({true, pa, pa + 1, pb, pb + 1});
      next_a = pa;
      next_b = pb;
    }
    if (a0 < next_a || b0 < next_b) stack_.push_back({false, a0, next_a, b0, next_b});
  }

  // Tokens unique in both ranges, as (A position, B position), reduced to the longest chain
  // increasing in both (patience sorting, O(k log k)).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> unique_lis(std::uint32_t a0, std::uint32_t a1,
                                                                  std::uint32_t b0, std::uint32_t b1) {
    for (std::uint32_t i = a0; i < a1; ++i) ++count_a_[a_[i]];
    for (std::uint32_t j = b0; j < b1; ++j) ++count_b_[b_[j]], pos_b_[b_[j]] = j;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::uint32_t i = a0; i < a1; ++i) {
      const std::uint32_t id = a_[i];
      if (count_a_[id] == 1 && count_b_[id] == 1) pairs.emplace_back(i, pos_b_[id]);
    }
    for (std::uint32_t i = a0; i < a1; ++i) count_a_[a_[i]] = 0;
    for (std::uint32_t j = b0; j < b1; ++j) count_b_[b_[j]] = 0;
    if (pairs.empty()) return pairs;
    // tails[k]: index into pairs of the smallest B position ending a chain of length k + 1.
    std::vector<std::uint32_t> tails;
    std::vector<std::int32_t> prev(pairs.size(), -1);
    for (std::uint32_t p = 0; p < pairs.size(); ++p) {
      const auto it = std::lower_bound(tails.begin(), tails.end(), pairs[p].second,
                                       [&](std::uint32_t q, std::uint32_t b) { return pairs[q].second < b; });
      if (it != tails.begin()) prev[p] = static_cast<std::int32_t>(*(it - 1));
      if (it == tails.end()) {
        tails.push_back(p);
      } else {
        *it = p;
      }
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;
    for (std::int32_t p = static_cast<std::int32_t>(tails.back()); p >= 0; p = prev[p])
      chain.push_back(pairs[p]);
    std::reverse(chain.begin(), chain.end());
    return chain;
  }

  // Myers' greedy O((N+M)D) shortest edit script for A [a0,a1) x B [b0,b1), appended to ops_.
  void myers(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    const std::int64_t n = a1 - a0, m = b1 - b0;
    const std::int64_t max_d = std::min<std::int64_t>(n + m, kMaxMyersD);
    // trace[d] holds V[k] for k in [-d-1, d+1] as it was before step d.
    std::vector<std::vector<std::int64_t>> trace;
    std::vector<std::int64_t> v(static_cast<std::size_t>(2 * max_d + 3), 0);
    const std::int64_t off = max_d + 1;
    std::int64_t found = -1;
    for (std::int64_t d = 0; d <= max_d && found < 0; ++d) {
      trace.emplace_back(v.begin() + (off - d - 1), v.begin() + (off + d + 2));
      for (std::int64_t k = -d; k <= d; k += 2) {
        std::int64_t x =
            (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
        std::int64_t y = x - k;
        while (x < n && y < m && a_[a0 + x] == b_[b0 + y]) ++x, ++y;
        v[off + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) {  // too different: one replacement
      for (std::uint32_t i = a0; i < a1; ++i) ops_.push_back({OpType::del, i, 0});
      for (std::uint32_t j = b0; j < b1; ++j) ops_.push_back({OpType::ins, 0, j});
      return;
    }
    std::vector<Op> back;
    std::int64_t x = n, y = m;
    for (std::int64_t d = found; d > 0; --d) {
      const std::vector<std::int64_t>& tv = trace[d];
      auto at = [&](std::int64_t k) { return tv[k + d + 1]; };
      const std::int64_t k = x - y;
      const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
      const std::int64_t pk = down ? k + 1 : k - 1;
      const std::int64_t px = at(pk), py = px - pk;
      while (x > px && y > py) {
        --x, --y;
        back.push_back({OpType::eq, static_cast<std::uint32_t>(a0 + x), static_cast<std::uint32_t>(b0 + y)});
      }
      if (down) {
        back.push_back({OpType::ins, 0, static_cast<std::uint32_t>(b0 + py)});
      } else {
        back.push_back({OpType::del, static_cast<std::uint32_t>(a0 + px), 0});
      }
      x = px;
      y = py;
    }
    while (x > 0 && y > 0) {
      --x, --y;
      back.push_back({OpType::eq, static_cast<std::uint32_t>(a0 + x), static_cast<std::uint32_t>(b0 + y)});
    }
    ops_.insert(ops_.end(), back.rbegin(), back.rend());
  }

  const std::vector<std::uint32_t>& a_;
  const std::vector<std::uint32_t>& b_;
  std::vector<std::uint32_t> count_a_, count_b_, pos_b_;
  std::vector<Task> stack_;
  std::vector<Op> ops_;
};

// A run of the script: equal tokens, or a change block between two equal runs. Indices are
// into the compared sequences.
struct Segment {
  bool equal;
  std::uint32_t a0, a1, b0, b1;
};

std::vector<Segment> segments_of(const std::vector<Op>& ops) {
  std::vector<Segment> out;
  std::uint32_t a = 0, b = 0;
  for (std::size_t k = 0; k < ops.size();) {
    const bool equal = ops[k].type == OpType::eq;
    Segment s{equal, a, a, b, b};
    for (; k < ops.size() && (ops[k].type == OpType::eq) == equal; ++k) {
      if (ops[k].type != OpType::ins) ++a;
      if (ops[k].type != OpType::del) ++b;
    }
    s.a1 = a;
    s.b1 = b;
    out.push_back(s);
  }
  return out;
}

// Moved phrases: >= 2 word tokens (at least one not a stop word) deleted in one change block
// and inserted, in the same normalized order, in another. Punctuation never takes part.
struct Move {
  std::uint32_t a0, a1, b0, b1;  // compared indices
};

// Above this many token comparisons between deleted and inserted tokens, moves are not searched
// (the diff is then a rewrite, and quadratic work would buy nothing).
constexpr std::uint64_t kMaxMoveWork = 4'000'000;

std::vector<Move> find_moves(const std::vector<Segment>& segs, const std::vector<std::uint32_t>& ka,
                             const std::vector<std::uint32_t>& kb, const std::vector<bool>& word_a,
                             const std::vector<bool>& content_a, std::vector<std::int32_t>& moved_a,
                             std::vector<std::int32_t>& moved_b) {
  std::vector<Move> moves;
  std::uint64_t deleted = 0, inserted = 0;
  for (const Segment& s : segs) {
    if (s.equal) continue;
    deleted += s.a1 - s.a0;
    inserted += s.b1 - s.b0;
  }
  if (deleted < 2 || inserted < 2 || deleted * inserted > kMaxMoveWork) return moves;
  std::vector<std::uint32_t> prev_row, row;
  for (;;) {
    Move best{0, 0, 0, 0};
    std::uint32_t best_len = 0;
    for (std::size_t p = 0; p < segs.size(); ++p) {
      const Segment& sp = segs[p];
      if (sp.equal || sp.a1 - sp.a0 < 2) continue;
      for (std::size_t q = 0; q < segs.size(); ++q) {
        const Segment& sq = segs[q];
        if (q == p || sq.equal || sq.b1 - sq.b0 < 2) continue;
        // Longest common substring of unmoved words, ending at (i, j).
        const std::uint32_t lb = sq.b1 - sq.b0;
        prev_row.assign(lb + 1, 0);
        row.assign(lb + 1, 0);
        for (std::uint32_t i = sp.a0; i < sp.a1; ++i) {
          for (std::uint32_t j = sq.b0; j < sq.b1; ++j) {
            const std::uint32_t c = j - sq.b0 + 1;
            const bool match = moved_a[i] < 0 && moved_b[j] < 0 && word_a[i] && ka[i] == kb[j];
            row[c] = match ? prev_row[c - 1] + 1 : 0;
            const std::uint32_t len = row[c];
            if (len < 2 || len <= best_len) continue;
            bool content = false;
            for (std::uint32_t t = i + 1 - len; t <= i && !content; ++t) content = content_a[t];
            if (!content) continue;
            best_len = len;
            best = Move{i + 1 - len, i + 1, j + 1 - len, j + 1};
          }
          std::swap(prev_row, row);
        }
      }
    }
    if (best_len == 0) break;
    const auto id = static_cast<std::int32_t>(moves.size());
    for (std::uint32_t i = best.a0; i < best.a1; ++i) moved_a[i] = id;
    for (std::uint32_t j = best.b0; j < best.b1; ++j) moved_b[j] = id;
    moves.push_back(best);
  }
  return moves;
}

void check_spans(std::string_view text, std::span<const Token> tokens, char side) {
  std::uint32_t previous_end = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Span s = tokens[t].span;
    if (s.start > s.end || s.end > text.size()) {
      throw InputError("diff_tokens", s.start,
                       fmt::format("token {} of {} has span [{}, {}) outside its text of {} bytes", t, side,
                                   s.start, s.end, text.size()),
                       "pass the text the tokens were made from");
    }
    if (s.start < previous_end) {
      throw InputError("diff_tokens", s.start,
                       fmt::format("token {} of {} (span [{}, {})) overlaps or precedes the token before it",
                                   t, side, s.start, s.end),
                       "pass the tokens in text order, as the tokenizer returns them");
    }
    previous_end = s.end;
  }
}

// Builds the edits of one diff from compared-sequence ranges.
class EditBuilder {
 public:
  EditBuilder(std::string_view text_a, std::span<const Token> ta, const std::vector<std::uint32_t>& ia,
              std::string_view text_b, std::span<const Token> tb, const std::vector<std::uint32_t>& ib)
      : text_a_(text_a), ta_(ta), ia_(ia), text_b_(text_b), tb_(tb), ib_(ib) {}

  Edit make(EditOp op, std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) const {
    Edit e;
    e.op = op;
    side(ta_, ia_, a0, a1, e.a_span, e.a_begin, e.a_end);
    side(tb_, ib_, b0, b1, e.b_span, e.b_begin, e.b_end);
    return e;
  }

 private:
  // The span and token range of compared tokens [k0, k1); an empty range becomes an empty span
  // at the gap before compared token k0 (the end of the token before it).
  static void side(std::span<const Token> tokens, const std::vector<std::uint32_t>& idx, std::uint32_t k0,
                   std::uint32_t k1, Span& span, std::uint32_t& begin, std::uint32_t& end) {
    if (k0 < k1) {
      begin = idx[k0];
      end = idx[k1 - 1] + 1;
      span = Span{tokens[begin].span.start, tokens[end - 1].span.end};
      return;
    }
    std::uint32_t at = 0;
    if (k0 > 0) {
      at = tokens[idx[k0 - 1]].span.end;
      begin = end = idx[k0 - 1] + 1;
    } else {
      if (!idx.empty()) {
        at = tokens[idx[0]].span.start;
      } else if (!tokens.empty()) {
        at = tokens[0].span.start;
      }
      begin = end = idx.empty() ? 0 : idx[0];
    }
    span = Span{at, at};
  }

  std::string_view text_a_;
  std::span<const Token> ta_;
  const std::vector<std::uint32_t>& ia_;
  std::string_view text_b_;
  std::span<const Token> tb_;
  const std::vector<std::uint32_t>& ib_;
};

}  // namespace

std::vector<Edit> diff_tokens(std::string_view text_a, std::span<const Token> tokens_a,
                              std::string_view text_b, std::span<const Token> tokens_b,
                              const DiffOptions& options) {
  check_spans(text_a, tokens_a, 'A');
  check_spans(text_b, tokens_b, 'B');

  // Compared sequences: token indices (punctuation left out on request) and norm ids.
  std::unordered_map<std::string_view, std::uint32_t> ids;
  std::vector<std::uint32_t> ia, ib, ka, kb;
  std::vector<bool> word_a, content_a;
  auto add = [&](std::span<const Token> tokens, std::vector<std::uint32_t>& idx,
                 std::vector<std::uint32_t>& keys) {
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      if (options.ignore_punct && tokens[t].kind == TokenKind::punct) continue;
      idx.push_back(static_cast<std::uint32_t>(t));
      keys.push_back(ids.try_emplace(tokens[t].norm, static_cast<std::uint32_t>(ids.size())).first->second);
    }
  };
  add(tokens_a, ia, ka);
  add(tokens_b, ib, kb);
  for (std::uint32_t t : ia) {
    word_a.push_back(tokens_a[t].kind != TokenKind::punct);
    content_a.push_back(tokens_a[t].kind != TokenKind::punct && !tokens_a[t].stop);
  }

  const std::vector<Op> ops = Differ(ka, kb, static_cast<std::uint32_t>(ids.size())).run();
  const std::vector<Segment> segs = segments_of(ops);

  std::vector<std::int32_t> moved_a(ia.size(), -1), moved_b(ib.size(), -1);
  std::vector<Move> moves;
  if (options.find_moves) moves = find_moves(segs, ka, kb, word_a, content_a, moved_a, moved_b);

  const EditBuilder build(text_a, tokens_a, ia, text_b, tokens_b, ib);
  std::vector<Edit> edits;
  for (const Segment& s : segs) {
    if (s.equal) {
      edits.push_back(build.make(EditOp::equal, s.a0, s.a1, s.b0, s.b1));
      continue;
    }
    // A side in order: deleted pieces and moves; then the inserted pieces of B.
    std::size_t last_remove = SIZE_MAX;
    for (std::uint32_t i = s.a0; i < s.a1;) {
      std::uint32_t k = i + 1;
      while (k < s.a1 && moved_a[k] == moved_a[i]) ++k;
      if (moved_a[i] < 0) {
        last_remove = edits.size();
        edits.push_back(build.make(EditOp::remove, i, k, s.b0, s.b0));
      } else {
        const Move& mv = moves[static_cast<std::size_t>(moved_a[i])];
        edits.push_back(build.make(EditOp::move, mv.a0, mv.a1, mv.b0, mv.b1));
      }
      i = k;
    }
    bool merged = false;
    for (std::uint32_t j = s.b0; j < s.b1;) {
      if (moved_b[j] >= 0) {
        ++j;
        continue;
      }
      std::uint32_t k = j + 1;
      while (k < s.b1 && moved_b[k] < 0) ++k;
      if (!merged && last_remove != SIZE_MAX) {
        // The adjacent delete + insert become one replacement.
        Edit& r = edits[last_remove];
        const Edit ins = build.make(EditOp::insert, s.a1, s.a1, j, k);
        r.op = EditOp::replace;
        r.b_span = ins.b_span;
        r.b_begin = ins.b_begin;
        r.b_end = ins.b_end;
        merged = true;
      } else {
        edits.push_back(build.make(EditOp::insert, s.a1, s.a1, j, k));
      }
      j = k;
    }
  }

  const detail::EditClassifier classifier(text_a, tokens_a, text_b, tokens_b, options.lang);
  for (Edit& e : edits) {
    e.a_text = std::string(slice(text_a, e.a_span));
    e.b_text = std::string(slice(text_b, e.b_span));
    switch (e.op) {
      case EditOp::equal:
        e.cls = EditClass::none;
        break;
      case EditOp::move:
        e.cls = EditClass::move;
        break;
      default:
        e.cls = classifier.classify(e);
        break;
    }
  }
  return edits;
}

}  // namespace quotekit
