// quotekit/report_html.hpp — HTML for people: one self-contained page per report (inline CSS,
// no scripts, fonts, images or links to anything outside the file), every piece of document
// text escaped. Shared by the commands that write HTML (neardup; drift later), so pages look
// alike and escaping lives in one place.
#pragma once

#include <string>
#include <string_view>

#include "quotekit/base.hpp"

namespace quotekit {

// Appends `text` with & < > " ' escaped, so that it is inert both as element content and as a
// quoted attribute value. Invalid UTF-8 is written as U+FFFD and C0 controls other than tab and
// line feed as their Unicode control pictures (U+2400 + c): a page never carries bytes a
// browser would misread.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

// The page around a report: <!DOCTYPE html>, <meta charset="utf-8">, the escaped title, the
// shared stylesheet plus `extra_css` (written as given: pass constant CSS only), and <body>.
// Classes the stylesheet defines: .summary (a muted line), .card (a bordered section),
// .meta (small muted text), .score (a number badge), mark (highlight), table.members,
// blockquote.canonical, .context (text around a highlighted span).
void append_html_page_start(std::string& out, std::string_view title, std::string_view extra_css = {});
void append_html_page_end(std::string& out);  // </body></html> and a final newline

// A span of a document shown in its context: up to `context` bytes on either side (cut at
// white space and never inside a UTF-8 sequence, "…" marking a cut), with the span itself in
// <mark>. Everything escaped; line breaks become spaces. The span must lie inside `text`.
void append_html_in_context(std::string& out, std::string_view text, Span span, std::size_t context = 160);

}  // namespace quotekit
