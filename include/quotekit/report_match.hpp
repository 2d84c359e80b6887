// quotekit/report_match.hpp — the records of matches: talking points (neardup) and search hits,
// as JSON Lines for programs, text for terminals and HTML for people. Every statement in them is
// the shared statement record (report.hpp), so spans can be checked against the documents.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "quotekit/analyze.hpp"
#include "quotekit/cluster.hpp"
#include "quotekit/search.hpp"

namespace quotekit {

// One line, no trailing newline:
// {"id":..,"canonical":{statement},"size":..,"documents":..,"outlets":..,"outlet_names":[..],
//  "first_date":..,"last_date":..,"boilerplate":..,"members":[{statement,"outlet":..,
//  "date":..,"score":..},..]}
// canonical is the medoid's statement record; members come earliest first, each the statement
// record plus its document's outlet and date (null when unknown) and its score to the
// canonical wording. first_date/last_date are null when no member is dated; boilerplate is null
// unless the group was kept with --keep-boilerplate ("short", "questions", ...).
void append_talking_point_json(std::string& out, const AnalyzedCorpus& corpus, const TalkingPoint& tp);

// A block for terminals: a heading line ("#3  <id>  5 statements, 4 documents, 3 outlets,
// 2020-10-02 … 2020-11-06"), the canonical wording, then one line per member: score, outlet and
// date when known, and the statement line of report.hpp. Ends with an empty line.
void append_talking_point_text(std::string& out, const AnalyzedCorpus& corpus, const TalkingPoint& tp,
                               std::size_t number);

// A whole self-contained HTML page (report_html.hpp): a summary line, a table of contents, and
// one card per talking point with its canonical wording and a table of members (score,
// document, outlet, date, speaker, and the statement highlighted in its context).
void append_talking_points_html(std::string& out, const AnalyzedCorpus& corpus,
                                std::span<const TalkingPoint> tps, std::string_view title,
                                std::string_view summary);

// One line, no trailing newline:
// {"rank":..,"score":..,"score_parts":{"overlap":..,"alignment":..,"numbers":..,"names":..,"negation":..},
//  statement fields..,"outlet":..,"date":..}
void append_search_hit_json(std::string& out, const AnalyzedCorpus& corpus, const SearchHit& hit,
                            std::size_t rank);

// "  1  0.734  (overlap 0.70 · order 0.81 · numbers 1.00 · names 1.00)  outlet date  <statement line>"
void append_search_hit_text(std::string& out, const AnalyzedCorpus& corpus, const SearchHit& hit,
                            std::size_t rank);

}  // namespace quotekit
