// Private to the drift report writers (drift_report.cpp, drift_html.cpp): one side of an
// aligned pair cut into plain runs and changed runs. HTML escaping is report_html.hpp's, shared
// with every HTML report.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "quotekit/compare.hpp"

namespace quotekit::detail {

// A run of one side's text: plain (edit == nullptr, equal text or the white space between
// tokens) or the bytes of one change.
struct Piece {
  Span span;
  const Edit* edit = nullptr;
};

// The pair's A side (b_side false) or B side cut into pieces covering `whole` in order. Each
// change with bytes on that side is one piece; a move shows on both sides.
inline std::vector<Piece> side_pieces(const std::vector<Edit>& edits, Span whole, bool b_side) {
  std::vector<const Edit*> changes;
  for (const Edit& e : edits) {
    const Span s = b_side ? e.b_span : e.a_span;
    if (e.op != EditOp::equal && !s.empty()) changes.push_back(&e);
  }
  const auto start = [b_side](const Edit* e) { return b_side ? e->b_span.start : e->a_span.start; };
  std::stable_sort(changes.begin(), changes.end(),
                   [&](const Edit* x, const Edit* y) { return start(x) < start(y); });
  std::vector<Piece> pieces;
  std::uint32_t pos = whole.start;
  for (const Edit* e : changes) {
    const Span s = b_side ? e->b_span : e->a_span;
    if (s.start < pos || s.end > whole.end) continue;  // cannot happen for a well-formed diff
    if (s.start > pos) pieces.push_back({Span{pos, s.start}, nullptr});
    pieces.push_back({s, e});
    pos = s.end;
  }
  if (pos < whole.end) pieces.push_back({Span{pos, whole.end}, nullptr});
  return pieces;
}

}  // namespace quotekit::detail
