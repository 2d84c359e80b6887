// quotekit/segment.hpp — segment: a Document becomes Statements — sentences, quoted speech
// inside them, and website furniture — each with its byte span, speaker turn and role.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/document.hpp"

namespace quotekit {

enum class StatementKind : std::uint8_t {
  sentence,   // a sentence of running text
  quote,      // quoted speech (“…”, «…», „…“, "…") inside a sentence; `parent` is that sentence
  furniture,  // website furniture: lone timestamps, date lines, teasers ending in "..."
};

enum class Role : std::uint8_t { none, question, answer };

std::string_view to_string(StatementKind kind) noexcept;  // "sentence", "quote", "furniture"
std::string_view to_string(Role role) noexcept;           // "none", "question", "answer"

struct Statement {
  std::uint32_t index = 0;  // position in the document's statement list
  StatementKind kind = StatementKind::sentence;
  Role role = Role::none;
  std::string speaker;      // "Host", "President Ilham Aliyev", ... ; empty when unknown
  Span span;                // into Document::text; text == slice(doc.text, span)
  std::int32_t parent = -1; // for quotes: index of the containing sentence
  std::uint32_t turn = 0;   // speaker turn number (0 before the first marked turn)
};

struct SegmentOptions {
  bool quotes = true;      // also report quoted speech as statements of kind quote
  bool furniture = true;   // mark furniture (false: treat it as ordinary sentences)
};

// Sentences (ICU BreakIterator for doc.lang plus rules for glued text, abbreviations,
// ellipses and quotes spanning sentences), speaker turns and quotes, in document order. Quote
// statements follow their parent sentence. Statement spans never include the speaker label
// ("Host: ") or the turn dash, and never start or end with white space.
std::vector<Statement> segment(const Document& doc, const SegmentOptions& options = {});

}  // namespace quotekit
