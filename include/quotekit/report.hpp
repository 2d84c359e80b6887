// quotekit/report.hpp — the statement record every command shares, as JSON and as text.
// JSONL field names are a contract: doc, index, kind, role, speaker, lang, start, end, text
// (plus turn and parent). Programs read the JSON; editors read the text in a terminal.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "quotekit/document.hpp"
#include "quotekit/segment.hpp"

namespace quotekit {

// {"doc":..,"index":..,"kind":..,"role":..,"speaker":..,"turn":..,"parent":..,"lang":..,
//  "start":..,"end":..,"text":..}
// start/end are byte offsets into doc.text and text == slice(doc.text, st.span), so a program
// can find the statement in the original. role is null for Role::none, speaker null when empty,
// parent null unless kind is quote, lang null when unknown. UTF-8 is written as is (no \u
// escapes). One line, no trailing newline.
std::string statement_json(const Document& doc, const Statement& st);
void append_statement_json(std::string& out, const Document& doc, const Statement& st);

// Column widths that make the text lines of one document's statements line up. Zero widths
// (the default) give unpadded columns.
struct TextColumns {
  std::size_t ref = 0;      // "doc#index"
  std::size_t span = 0;     // "[start,end)"
  std::size_t speaker = 0;  // speaker name, in code points (names longer than this stick out)
};

// Widths for `statements` of `doc`; the speaker column is capped at 24 code points.
TextColumns text_columns(const Document& doc, const std::vector<Statement>& statements);

// "doc#index  [start,end)  kind  role  speaker  │ text" — one line, for terminals; "-" marks
// no role / no speaker. The whole text, never cut; control characters (line breaks, tabs)
// are shown as their Unicode control pictures (␊, ␉) so the record stays on one line.
std::string statement_text(const Document& doc, const Statement& st, const TextColumns& columns = {});
void append_statement_text(std::string& out, const Document& doc, const Statement& st,
                           const TextColumns& columns = {});

}  // namespace quotekit
