// quotekit/drift_report.hpp — a DocumentDrift (compare.hpp) for people and programs: word-diff
// text for terminals, one JSON Lines record per aligned pair, and a self-contained side-by-side
// HTML page. `quotekit drift` prints these; an embedding program can call them directly.
#pragma once

#include <string>
#include <string_view>

#include "quotekit/compare.hpp"
#include "quotekit/document.hpp"

namespace quotekit {

struct DriftTextOptions {
  // ANSI colour: deletions red, insertions green, moves cyan, meaning-bearing changes bold.
  // Without it, word-diff markers: [-old-]{+new+}, [~moved~].
  bool color = false;
};

// One aligned pair as text, ending in a newline:
//   1-1  A#3 [120,284) ~ B#4 [98,270)  score 0.74  drift 0.030
//     We still have not lost hope that the [-sensible-]{+sane+} part of society ...
//     ! number: [-11-]{+12+}                 (one line per meaning-bearing edit)
//     ~ synonym 3, punctuation 2, wording 1  (the other changes, counted by class)
// An omission (1-0) prints its A statements after "[-", an addition (0-1) its B statements after
// "{+". Line breaks and tabs inside statements are printed as spaces.
void append_drift_pair_text(std::string& out, const Document& a, const Document& b,
                            const DocumentDrift& drift, const AlignedPair& pair,
                            const DriftTextOptions& options = {});

// "A: <id> (n statements)   B: <id> (m statements)" and a blank line.
void append_drift_header_text(std::string& out, const Document& a, const Document& b,
                              const DocumentDrift& drift);

// The document pair's summary: pairs, drifted pairs, omitted and added statements, mean and
// maximum drift, and the count of every change class that occurred.
void append_drift_summary_text(std::string& out, const DocumentDrift& drift);

// One line, no trailing newline:
//   {"bead":"1-1","a":{statement},"b":{statement},"score":0.74,"drift":0.03,"edits":[...]}
// `a` / `b` are statement records as `quotekit segment` writes them (report.hpp); null on the
// missing side of an omission (1-0) or addition (0-1), where score and drift are null too and
// edits is empty. For a merged bead (1-2, 2-1, 2-2) a side's record covers its two statements:
// index of the first, start of the first, end of the second, text the bytes between.
// edits: the changes only (no equal runs), in order of A, each
//   {"op":"replace"|"delete"|"insert"|"move","class":"synonym",...,"meaning":false,
//    "a_text":..,"b_text":..,"a_start":..,"a_end":..,"b_start":..,"b_end":..}
// with byte offsets into each document's text (a_text == bytes [a_start,a_end) of A).
void append_drift_pair_json(std::string& out, const Document& a, const Document& b,
                            const DocumentDrift& drift, const AlignedPair& pair);

// {"summary":{"a":id,"b":id,"a_statements":n,"b_statements":m,"pairs":..,"drifted":..,
//  "omitted":..,"added":..,"mean_drift":..,"max_drift":..,"classes":{"number":0,...}}}
// One line, no trailing newline.
void append_drift_summary_json(std::string& out, const Document& a, const Document& b,
                               const DocumentDrift& drift);

// A complete HTML5 page: inline CSS, no script and no external resource, every text escaped.
// A summary table, then one table row per bead with A's text left and B's right. Changes are
// <del> (A side) and <ins> (B side) elements of class "edit <op> <class>" (op: replace,
// delete, insert, move); meaning-bearing ones also have class "meaning" and a title naming the
// class ("number change (meaning-bearing)"); others a title naming their class. Omitted and
// added statements are rows of class "omitted" / "added".
std::string drift_html(const Document& a, const Document& b, const DocumentDrift& drift,
                       std::string_view title = {});

}  // namespace quotekit
