#include "quotekit/report_match.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "quotekit/report.hpp"
#include "quotekit/report_html.hpp"

namespace quotekit {

namespace {

// "outlet  date  " before a statement in the text reports; nothing for what a document lacks.
void append_outlet_date(std::string& out, const Document& doc) {
  if (!doc.outlet.empty()) {
    out += doc.outlet;
    out += "  ";
  }
  if (!doc.date.empty()) {
    out += doc.date;
    out += "  ";
  }
}

// A JSON string, or null when empty.
void append_json_string_or_null(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += "null";
  } else {
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void append_score(std::string& out, float score) { fmt::format_to(std::back_inserter(out), "{:.4f}", score); }

// The statement record of statement i with `extra` fields appended inside its braces.
void append_statement_with(std::string& out, const AnalyzedCorpus& corpus, std::uint32_t i,
                           const std::string& extra) {
  const std::size_t at = out.size();
  append_statement_json(out, corpus.document_of(i), corpus.statement(i));
  if (!extra.empty() && out.size() > at && out.back() == '}') {
    out.pop_back();
    out += ',';
    out += extra;
    out += '}';
  }
}

std::string outlet_date_fields(const Document& doc) {
  std::string s = "\"outlet\":";
  append_json_string_or_null(s, doc.outlet);
  s += ",\"date\":";
  append_json_string_or_null(s, doc.date);
  return s;
}

std::vector<std::string_view> outlet_names(const AnalyzedCorpus& corpus, const TalkingPoint& tp) {
  std::vector<std::string_view> names;
  std::set<std::string_view> seen;
  for (const ClusterMember& m : tp.members) {
    const std::string_view o = corpus.documents()[m.doc].outlet;
    if (!o.empty() && seen.insert(o).second) names.push_back(o);
  }
  return names;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "5 statements, 4 documents, 3 outlets, 2020-10-02 … 2020-11-06"
std::string spread(const TalkingPoint& tp) {
  std::string s =
      fmt::format("{}, {}", plural(tp.members.size(), "statement"), plural(tp.documents, "document"));
  if (tp.outlets > 0) s += ", " + plural(tp.outlets, "outlet");
  if (!tp.first_date.empty()) {
    s += ", " + tp.first_date;
    if (tp.last_date != tp.first_date) s += " … " + tp.last_date;
  }
  return s;
}

}  // namespace

void append_talking_point_json(std::string& out, const AnalyzedCorpus& corpus, const TalkingPoint& tp) {
  out += "{\"id\":\"";
  out += tp.id;  // hex digits: nothing to escape
  out += "\",\"canonical\":";
  append_statement_with(out, corpus, tp.medoid, outlet_date_fields(corpus.document_of(tp.medoid)));
  fmt::format_to(std::back_inserter(out), ",\"size\":{},\"documents\":{},\"outlets\":{},\"outlet_names\":[",
                 tp.members.size(), tp.documents, tp.outlets);
  bool first = true;
  for (const std::string_view o : outlet_names(corpus, tp)) {
    if (!first) out += ',';
    first = false;
    append_json_string_or_null(out, o);
  }
  out += "],\"first_date\":";
  append_json_string_or_null(out, tp.first_date);
  out += ",\"last_date\":";
  append_json_string_or_null(out, tp.last_date);
  out += ",\"boilerplate\":";
  if (tp.boilerplate == Boilerplate::none) {
    out += "null";
  } else {
    out += '"';
    out += to_string(tp.boilerplate);
    out += '"';
  }
  out += ",\"members\":[";
  for (std::size_t k = 0; k < tp.members.size(); ++k) {
    const ClusterMember& m = tp.members[k];
    if (k > 0) out += ',';
    std::string extra = outlet_date_fields(corpus.document_of(m.statement));
    extra += ",\"score\":";
    append_score(extra, m.score);
    append_statement_with(out, corpus, m.statement, extra);
  }
  out += "]}";
}

void append_talking_point_text(std::string& out, const AnalyzedCorpus& corpus, const TalkingPoint& tp,
                               std::size_t number) {
  fmt::format_to(std::back_inserter(out), "#{}  {}  {}", number, tp.id, spread(tp));
  if (tp.boilerplate != Boilerplate::none)
    fmt::format_to(std::back_inserter(out), "  [{}]", to_string(tp.boilerplate));
  out += "\n    canonical  ";
  append_statement_text(out, corpus.document_of(tp.medoid), corpus.statement(tp.medoid));
  out += '\n';
  for (const ClusterMember& m : tp.members) {
    const Document& doc = corpus.document_of(m.statement);
    out += "    ";
    append_score(out, m.score);
    out += "  ";
    append_outlet_date(out, doc);
    append_statement_text(out, doc, corpus.statement(m.statement));
    out += '\n';
  }
  out += '\n';
}

void append_talking_points_html(std::string& out, const AnalyzedCorpus& corpus,
                                std::span<const TalkingPoint> tps, std::string_view title,
                                std::string_view summary) {
  append_html_page_start(out, title);
  out += "<h1>";
  append_html_escaped(out, title);
  out += "</h1>\n<p class=\"summary\">";
  append_html_escaped(out, summary);
  out += "</p>\n";
  if (!tps.empty()) {
    out += "<nav class=\"toc card\"><ol>\n";
    for (const TalkingPoint& tp : tps) {
      out += "<li><a href=\"#tp-";
      out += tp.id;
      out += "\">";
      append_html_escaped(out, corpus.text(tp.medoid).substr(0, 120));
      if (corpus.text(tp.medoid).size() > 120) out += "…";
      fmt::format_to(std::back_inserter(out), "</a> <span class=\"meta\">({})</span></li>\n",
                     plural(tp.documents, "document"));
    }
    out += "</ol></nav>\n";
  }
  std::size_t number = 0;
  for (const TalkingPoint& tp : tps) {
    ++number;
    fmt::format_to(std::back_inserter(out),
                   "<section class=\"card\" id=\"tp-{}\">\n<h2>#{} <span class=\"id\">{}</span>", tp.id,
                   number, tp.id);
    if (tp.boilerplate != Boilerplate::none) {
      fmt::format_to(std::back_inserter(out), " <span class=\"meta\">[{}]</span>", to_string(tp.boilerplate));
    }
    out += "</h2>\n<p class=\"meta\">";
    append_html_escaped(out, spread(tp));
    const auto outlets = outlet_names(corpus, tp);
    if (!outlets.empty()) {
      out += " — ";
      for (std::size_t k = 0; k < outlets.size(); ++k) {
        if (k > 0) out += ", ";
        append_html_escaped(out, outlets[k]);
      }
    }
    out += "</p>\n<blockquote class=\"canonical\">";
    append_html_escaped(out, corpus.text(tp.medoid));
    out +=
        "</blockquote>\n<table class=\"members\">\n"
        "<tr><th>score</th><th>document</th><th>outlet</th><th>date</th><th>speaker</th>"
        "<th>statement, in context</th></tr>\n";
    for (const ClusterMember& m : tp.members) {
      const Document& doc = corpus.document_of(m.statement);
      const StatementInfo& info = corpus.info(m.statement);
      out += "<tr><td class=\"score\">";
      append_score(out, m.score);
      out += "</td><td><code>";
      append_html_escaped(out, doc.id);
      fmt::format_to(std::back_inserter(out), "#{}</code><br><span class=\"meta\">[{},{})</span></td><td>",
                     info.index, info.span.start, info.span.end);
      append_html_escaped(out, doc.outlet);
      out += "</td><td>";
      append_html_escaped(out, doc.date);
      out += "</td><td>";
      append_html_escaped(out, corpus.speaker(m.statement));
      out += "</td><td>";
      append_html_in_context(out, doc.text, info.span);
      out += "</td></tr>\n";
    }
    out += "</table>\n</section>\n";
  }
  append_html_page_end(out);
}

void append_search_hit_json(std::string& out, const AnalyzedCorpus& corpus, const SearchHit& hit,
                            std::size_t rank) {
  fmt::format_to(std::back_inserter(out), "{{\"rank\":{},\"score\":", rank);
  append_score(out, hit.score.total);
  out += ",\"score_parts\":{\"overlap\":";
  append_score(out, hit.score.overlap);
  out += ",\"alignment\":";
  append_score(out, hit.score.alignment);
  out += ",\"numbers\":";
  append_score(out, hit.score.numbers);
  out += ",\"names\":";
  append_score(out, hit.score.names);
  out += ",\"negation\":";
  append_score(out, hit.score.negation);
  out += "},";
  std::string statement;
  append_statement_with(statement, corpus, hit.statement,
                        outlet_date_fields(corpus.document_of(hit.statement)));
  out.append(statement, 1);  // without its opening brace
}

void append_search_hit_text(std::string& out, const AnalyzedCorpus& corpus, const SearchHit& hit,
                            std::size_t rank) {
  const Document& doc = corpus.document_of(hit.statement);
  fmt::format_to(std::back_inserter(out),
                 "{:3}  {:.3f}  (overlap {:.2f} · order {:.2f} · numbers {:.2f} · names {:.2f}{})  ", rank,
                 hit.score.total, hit.score.overlap, hit.score.alignment, hit.score.numbers, hit.score.names,
                 hit.score.negation < 1.0f ? fmt::format(" · negation {:.2f}", hit.score.negation) : "");
  append_outlet_date(out, doc);
  append_statement_text(out, doc, corpus.statement(hit.statement));
}

}  // namespace quotekit
