// The drift report as one self-contained HTML page (drift_report.hpp).
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "drift_render.hpp"
#include "quotekit/drift_report.hpp"
#include "quotekit/report_html.hpp"

namespace quotekit {

namespace {

constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 1.5em 2em; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
h2 { font-size: 1.1em; margin: 1.4em 0 .4em; }
.docs { color: #555; margin: 0 0 1em; }
table { border-collapse: collapse; }
table.summary td, table.summary th { border: 1px solid #ddd; padding: .2em .7em; text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.summary tr.meaning-bearing th { color: #8a1c00; font-weight: 700; }
table.pairs { width: 100%; table-layout: fixed; }
table.pairs th { text-align: left; border-bottom: 2px solid #bbb; padding: .3em .6em; }
table.pairs td { vertical-align: top; border-bottom: 1px solid #e4e4e4; padding: .45em .6em; overflow-wrap: anywhere; }
table.pairs col.ref { width: 7.5em; } table.pairs col.num { width: 6.5em; }
td.ref, td.num { color: #666; font-size: .85em; font-variant-numeric: tabular-nums; }
td.missing { color: #aaa; font-style: italic; }
tr.omitted td.a { background: #fff1f0; } tr.added td.b { background: #effaf0; }
tr.drifted td.num { color: #8a1c00; font-weight: 600; }
del.edit, ins.edit { text-decoration: none; border-radius: 3px; padding: 0 .12em; }
del.edit { background: #ffd7d5; color: #6d0d07; }
ins.edit { background: #c9f2d0; color: #0b4d18; }
del.move, ins.move { background: #d6ebff; color: #0a3a66; }
del.punctuation, ins.punctuation, del.word_form, ins.word_form { background: #eee; color: #333; }
del.meaning, ins.meaning { font-weight: 700; outline: 2px solid #d9480f; }
.legend span { margin-right: 1.2em; }
span.flag { color: #8a1c00; font-weight: 600; }
)";

std::string_view lang_attribute(Lang lang) {
  switch (lang) {
    case Lang::en:
    case Lang::ru:
    case Lang::tr:
      return to_string(lang);
    default:
      return "";
  }
}

std::string edit_title(const Edit& e) {
  if (is_meaning_bearing(e.cls)) return fmt::format("{} change (meaning-bearing)", to_string(e.cls));
  return std::string(to_string(e.cls));
}

// One side of a pair: the text with its changes marked (A: <del>, B: <ins>).
void append_side(std::string& out, std::string_view text, const AlignedPair& p, bool b_side) {
  const Span whole = b_side ? p.b_span : p.a_span;
  for (const detail::Piece& piece : detail::side_pieces(p.drift.edits, whole, b_side)) {
    if (piece.edit == nullptr) {
      append_html_escaped(out, slice(text, piece.span));
      continue;
    }
    const Edit& e = *piece.edit;
    const std::string_view tag = b_side ? "ins" : "del";
    out += fmt::format("<{} class=\"edit {} {}{}\" title=\"{}\">", tag, to_string(e.op), to_string(e.cls),
                       is_meaning_bearing(e.cls) ? " meaning" : "", html_escape(edit_title(e)));
    append_html_escaped(out, slice(text, piece.span));
    out += fmt::format("</{}>", tag);
  }
}

std::string refs(const std::vector<Statement>& statements, std::uint32_t begin, std::uint32_t count) {
  std::string s;
  for (std::uint32_t k = 0; k < count; ++k)
    s += fmt::format("{}{}", k ? "+" : "#", statements[begin + k].index);
  return s;
}

}  // namespace

std::string drift_html(const Document& a, const Document& b, const DocumentDrift& d, std::string_view title) {
  const std::string heading =
      title.empty() ? fmt::format("Wording drift: {} vs {}", a.id, b.id) : std::string(title);
  const DriftSummary& s = d.summary;
  std::string out;
  out.reserve(a.text.size() + b.text.size() + 4096 + d.pairs.size() * 256);
  out += "<!DOCTYPE html>\n<html";
  const std::string_view lang = lang_attribute(a.lang);
  if (!lang.empty()) out += fmt::format(" lang=\"{}\"", lang);
  out +=
      ">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", html_escape(heading), kStyle);
  out += fmt::format("<h1>{}</h1>\n", html_escape(heading));
  out +=
      fmt::format("<p class=\"docs\">A: <b>{}</b> ({} statements) &nbsp; B: <b>{}</b> ({} statements)</p>\n",
                  html_escape(a.id), d.a.size(), html_escape(b.id), d.b.size());

  // Summary table.
  out += "<h2>Summary</h2>\n<table class=\"summary\">\n";
  const auto row = [&out](std::string_view cls, std::string_view label, std::string value) {
    out += fmt::format("<tr{}><th>{}</th><td class=\"n\">{}</td></tr>\n",
                       cls.empty() ? std::string() : fmt::format(" class=\"{}\"", cls), label, value);
  };
  row("", "aligned pairs", std::to_string(s.pairs));
  row("", "pairs with meaning-bearing changes", std::to_string(s.drifted));
  row("", "statements of A omitted in B (1-0)", std::to_string(s.omitted));
  row("", "statements added in B (0-1)", std::to_string(s.added));
  row("", "mean drift", fmt::format("{:.3f}", s.mean_drift));
  row("", "max drift", fmt::format("{:.3f}", s.max_drift));
  for (int c = 1; c < kEditClassCount; ++c) {
    const auto cls = static_cast<EditClass>(c);
    if (s.counts[c] == 0) continue;
    row(is_meaning_bearing(cls) ? "meaning-bearing" : "",
        fmt::format("{}{}", to_string(cls), is_meaning_bearing(cls) ? " (meaning-bearing)" : ""),
        std::to_string(s.counts[c]));
  }
  out += "</table>\n";
  out +=
      "<p class=\"legend\"><span><del class=\"edit replace\">deleted in B</del></span>"
      "<span><ins class=\"edit replace\">inserted in B</ins></span>"
      "<span><del class=\"edit move\">moved</del></span>"
      "<span><del class=\"edit replace meaning\">meaning-bearing</del></span></p>\n";

  // One row per bead.
  out +=
      "<h2>Aligned statements</h2>\n<table class=\"pairs\">\n"
      "<colgroup><col class=\"ref\"><col><col><col class=\"num\"></colgroup>\n"
      "<thead><tr><th>bead</th><th>A</th><th>B</th><th>score / drift</th></tr></thead>\n<tbody>\n";
  for (const AlignedPair& p : d.pairs) {
    const Bead& bead = p.bead;
    const std::string kind(to_string(bead.kind()));
    if (!bead.is_pair()) {
      const bool omitted = bead.b_count == 0;
      out +=
          fmt::format("<tr class=\"{}\"><td class=\"ref\">{}<br>{}</td>", omitted ? "omitted" : "added", kind,
                      omitted ? "A" + refs(d.a, bead.a_begin, bead.a_count)
                              : "B" + refs(d.b, bead.b_begin, bead.b_count));
      if (omitted) {
        out += "<td class=\"a\"><del class=\"statement omitted\" title=\"omitted in B\">";
        append_html_escaped(out, slice(a.text, p.a_span));
        out += "</del></td><td class=\"b missing\">omitted</td>";
      } else {
        out +=
            "<td class=\"a missing\">added</td><td class=\"b\"><ins class=\"statement added\" title=\"added "
            "in B\">";
        append_html_escaped(out, slice(b.text, p.b_span));
        out += "</ins></td>";
      }
      out += "<td class=\"num\"></td></tr>\n";
      continue;
    }
    // The meaning-bearing classes of the pair, each once, as flags under the references.
    std::string flags;
    std::array<bool, kEditClassCount> seen{};
    for (const Edit& e : p.drift.edits) {
      const auto c = static_cast<std::size_t>(e.cls);
      if (!is_meaning_bearing(e.cls) || seen[c]) continue;
      seen[c] = true;
      flags += fmt::format("<br><span class=\"flag {0}\">{0}</span>", to_string(e.cls));
    }
    out += fmt::format("<tr class=\"pair{}\"><td class=\"ref\">{}<br>A{}<br>B{}{}</td><td class=\"a\">",
                       flags.empty() ? "" : " drifted", kind, refs(d.a, bead.a_begin, bead.a_count),
                       refs(d.b, bead.b_begin, bead.b_count), flags);
    append_side(out, a.text, p, false);
    out += "</td><td class=\"b\">";
    append_side(out, b.text, p, true);
    out += fmt::format("</td><td class=\"num\">{:.2f}<br>{:.3f}</td></tr>\n", bead.score, p.drift.score);
  }
  out += "</tbody>\n</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace quotekit
