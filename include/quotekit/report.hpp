// quotekit/report.hpp — the statement record every command shares, as JSON and as text.
// JSONL field names are a contract: doc, index, kind, role, speaker, lang, start, end, text.
#pragma once

#include <string>

#include "quotekit/document.hpp"
#include "quotekit/segment.hpp"

namespace quotekit {

// {"doc":..,"index":..,"kind":..,"role":..,"speaker":..,"lang":..,"start":..,"end":..,"text":..}
// role and speaker are null when unknown. One line, no trailing newline.
std::string statement_json(const Document& doc, const Statement& st);

// "doc#index [start,end) kind role speaker: text" — one line, for terminals.
std::string statement_text(const Document& doc, const Statement& st);

}  // namespace quotekit
