#include "quotekit/drift_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>

#include "drift_render.hpp"
#include "quotekit/report.hpp"

namespace quotekit {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Text on one line: line breaks, tabs and other C0 controls become spaces.
void append_flat(std::string& out, std::string_view text) {
  for (const char c : text) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
}

double rounded(double x) { return std::round(x * 10000.0) / 10000.0; }

// A side of a bead as one statement record: a merged side covers its statements.
Statement side_statement(const std::vector<Statement>& statements, std::uint32_t begin, std::uint32_t count) {
  Statement st = statements[begin];
  if (count > 1) st.span.end = statements[begin + count - 1].span.end;
  return st;
}

// "A#3" or "A#3+4" (Statement::index, as `quotekit segment --no-quotes` numbers them).
std::string side_ref(char side, const std::vector<Statement>& statements, std::uint32_t begin,
                     std::uint32_t count) {
  std::string s = fmt::format("{}#{}", side, statements[begin].index);
  for (std::uint32_t k = 1; k < count; ++k) s += fmt::format("+{}", statements[begin + k].index);
  return s;
}

// A marked run of text: colour, or the word-diff markers.
struct Marker {
  std::string_view open_plain, close_plain, color;
};
constexpr Marker kDeleted{"[-", "-]", kRed};
constexpr Marker kInserted{"{+", "+}", kGreen};
constexpr Marker kMoved{"[~", "~]", kCyan};

void append_marked(std::string& out, std::string_view text, const Marker& m, bool meaning, bool color) {
  if (color) {
    out += m.color;
    if (meaning) out += kBold;
    append_flat(out, text);
    out += kReset;
  } else {
    out += m.open_plain;
    append_flat(out, text);
    out += m.close_plain;
  }
}

void append_change(std::string& out, const Edit& e, bool color) {
  const bool meaning = is_meaning_bearing(e.cls);
  if (e.op == EditOp::move) {
    append_marked(out, e.a_text, kMoved, meaning, color);
    return;
  }
  if (!e.a_text.empty()) append_marked(out, e.a_text, kDeleted, meaning, color);
  if (!e.b_text.empty()) append_marked(out, e.b_text, kInserted, meaning, color);
}

// The pair as one word-diff line in order of A: equal text and the white space of A as is,
// changes marked. An insertion takes its white space from B ("that {+now+} only").
void append_word_diff(std::string& out, std::string_view a, std::string_view b, const AlignedPair& p,
                      bool color) {
  std::uint32_t pos = p.a_span.start;
  for (const Edit& e : p.drift.edits) {
    if (e.a_span.start > pos) append_flat(out, a.substr(pos, e.a_span.start - pos));
    pos = std::max(pos, e.a_span.start);
    if (e.op == EditOp::equal) {
      append_flat(out, slice(a, e.a_span));
      pos = e.a_span.end;
      continue;
    }
    if (e.op == EditOp::insert) {
      const bool space_before = e.b_span.start > 0 && is_space(b[e.b_span.start - 1]);
      const bool space_after = e.b_span.end < b.size() && is_space(b[e.b_span.end]);
      if (space_before && !out.empty() && !is_space(out.back()) && pos > p.a_span.start) out += ' ';
      append_change(out, e, color);
      if (space_after && pos < p.a_span.end && !is_space(a[pos])) out += ' ';
      continue;
    }
    append_change(out, e, color);
    pos = e.a_span.end;
  }
  if (pos < p.a_span.end) append_flat(out, a.substr(pos, p.a_span.end - pos));
}

void append_class_counts(std::string& out, const std::array<std::uint32_t, kEditClassCount>& counts,
                         bool meaning_bearing) {
  bool first = true;
  for (int c = 1; c < kEditClassCount; ++c) {
    const auto cls = static_cast<EditClass>(c);
    if (counts[c] == 0 || is_meaning_bearing(cls) != meaning_bearing) continue;
    out += first ? "" : ", ";
    out += fmt::format("{} {}", to_string(cls), counts[c]);
    first = false;
  }
}

}  // namespace

void append_drift_header_text(std::string& out, const Document& a, const Document& b,
                              const DocumentDrift& d) {
  out += fmt::format("A: {} ({} statement{})   B: {} ({} statement{})\n\n", a.id, d.a.size(),
                     d.a.size() == 1 ? "" : "s", b.id, d.b.size(), d.b.size() == 1 ? "" : "s");
}

void append_drift_pair_text(std::string& out, const Document& a, const Document& b, const DocumentDrift& d,
                            const AlignedPair& p, const DriftTextOptions& options) {
  const Bead& bead = p.bead;
  const bool color = options.color;
  const auto span_text = [](Span s) { return fmt::format("[{},{})", s.start, s.end); };
  if (!bead.is_pair()) {
    const bool omitted = bead.b_count == 0;
    const std::string ref = omitted ? side_ref('A', d.a, bead.a_begin, bead.a_count)
                                    : side_ref('B', d.b, bead.b_begin, bead.b_count);
    out += fmt::format("{}  {} {}  {}\n    ", to_string(bead.kind()), ref,
                       span_text(omitted ? p.a_span : p.b_span), omitted ? "omitted from B" : "added in B");
    const std::string_view text = omitted ? slice(a.text, p.a_span) : slice(b.text, p.b_span);
    append_marked(out, text, omitted ? kDeleted : kInserted, false, color);
    out += '\n';
    return;
  }
  out += fmt::format("{}  {} {} ~ {} {}  score {:.2f}  drift {:.3f}\n    ", to_string(bead.kind()),
                     side_ref('A', d.a, bead.a_begin, bead.a_count), span_text(p.a_span),
                     side_ref('B', d.b, bead.b_begin, bead.b_count), span_text(p.b_span), bead.score,
                     p.drift.score);
  append_word_diff(out, a.text, b.text, p, color);
  out += '\n';
  std::array<std::uint32_t, kEditClassCount> minor{};
  for (const Edit& e : p.drift.edits) {
    if (e.op == EditOp::equal) continue;
    if (!is_meaning_bearing(e.cls)) {
      ++minor[static_cast<int>(e.cls)];
      continue;
    }
    out += "    ! ";
    if (color) out += kBold;
    out += to_string(e.cls);
    if (color) out += kReset;
    out += ": ";
    append_change(out, e, color);
    out += '\n';
  }
  std::string counts;
  append_class_counts(counts, minor, false);
  if (!counts.empty()) {
    out += "    ";
    if (color) out += kDim;
    out += "~ " + counts;
    if (color) out += kReset;
    out += '\n';
  }
}

void append_drift_summary_text(std::string& out, const DocumentDrift& d) {
  const DriftSummary& s = d.summary;
  out += fmt::format(
      "summary: {} pair{} ({} with meaning-bearing changes), {} statement{} omitted from B, {} added in B; "
      "drift mean {:.3f}, max {:.3f}\n",
      s.pairs, s.pairs == 1 ? "" : "s", s.drifted, s.omitted, s.omitted == 1 ? "" : "s", s.added,
      s.mean_drift, s.max_drift);
  std::string meaning, other;
  append_class_counts(meaning, s.counts, true);
  append_class_counts(other, s.counts, false);
  out += fmt::format("  meaning-bearing changes: {}\n", meaning.empty() ? "none" : meaning);
  out += fmt::format("  other changes: {}\n", other.empty() ? "none" : other);
}

void append_drift_pair_json(std::string& out, const Document& a, const Document& b, const DocumentDrift& d,
                            const AlignedPair& p) {
  const Bead& bead = p.bead;
  out += "{\"bead\":\"";
  out += to_string(bead.kind());
  out += "\",\"a\":";
  if (bead.a_count > 0) {
    append_statement_json(out, a, side_statement(d.a, bead.a_begin, bead.a_count));
  } else {
    out += "null";
  }
  out += ",\"b\":";
  if (bead.b_count > 0) {
    append_statement_json(out, b, side_statement(d.b, bead.b_begin, bead.b_count));
  } else {
    out += "null";
  }
  nlohmann::json rest = nlohmann::json::object();
  rest["score"] = bead.is_pair() ? nlohmann::json(rounded(bead.score)) : nlohmann::json(nullptr);
  rest["drift"] = bead.is_pair() ? nlohmann::json(rounded(p.drift.score)) : nlohmann::json(nullptr);
  nlohmann::json edits = nlohmann::json::array();
  for (const Edit& e : p.drift.edits) {
    if (e.op == EditOp::equal) continue;
    edits.push_back({{"op", to_string(e.op)},
                     {"class", to_string(e.cls)},
                     {"meaning", is_meaning_bearing(e.cls)},
                     {"a_text", e.a_text},
                     {"b_text", e.b_text},
                     {"a_start", e.a_span.start},
                     {"a_end", e.a_span.end},
                     {"b_start", e.b_span.start},
                     {"b_end", e.b_span.end}});
  }
  rest["edits"] = std::move(edits);
  // nlohmann keeps keys sorted; "drift", "edits", "score" then follow a and b.
  const std::string tail = rest.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += ',';
  out.append(tail, 1, std::string::npos);  // the object without its opening brace
}

void append_drift_summary_json(std::string& out, const Document& a, const Document& b,
                               const DocumentDrift& d) {
  const DriftSummary& s = d.summary;
  nlohmann::json classes = nlohmann::json::object();
  for (int c = 1; c < kEditClassCount; ++c)
    classes[std::string(to_string(static_cast<EditClass>(c)))] = s.counts[c];
  const nlohmann::json j = {{"summary",
                             {{"a", a.id},
                              {"b", b.id},
                              {"a_statements", d.a.size()},
                              {"b_statements", d.b.size()},
                              {"pairs", s.pairs},
                              {"drifted", s.drifted},
                              {"omitted", s.omitted},
                              {"added", s.added},
                              {"mean_drift", rounded(s.mean_drift)},
                              {"max_drift", rounded(s.max_drift)},
                              {"classes", std::move(classes)}}}};
  out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace quotekit
