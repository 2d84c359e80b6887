// quotekit/segment.hpp — segment: a Document becomes Statements — sentences, quoted speech
// inside them, and website furniture — each with its byte span, speaker turn and role.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/document.hpp"

namespace quotekit {

enum class StatementKind : std::uint8_t {
  // A sentence of running text (headings and intros included).
  sentence,
  // Quoted speech (“…”, «…», „…“, "…") inside a sentence; `parent` is that sentence.
  quote,
  // Website furniture, for later stages to skip: lone timestamps ("12:00"), date-time lines
  // ("18 November 2024, 11:00", also when glued to a title), and teasers — a paragraph ending
  // in "..." before a date-time line, with the lines of its block ("Your Majesty,") — and
  // stretches without any letter or digit ("* * *"). A salutation outside a teaser block is
  // an ordinary sentence.
  furniture,
};

enum class Role : std::uint8_t { none, question, answer };

std::string_view to_string(StatementKind kind) noexcept;  // "sentence", "quote", "furniture"
std::string_view to_string(Role role) noexcept;           // "none", "question", "answer"

struct Statement {
  std::uint32_t index = 0;  // position in the document's statement list
  StatementKind kind = StatementKind::sentence;
  // question / answer inside an interview; none for headings, intros, furniture and text that
  // is not Q/A. A quote has its parent's role.
  Role role = Role::none;
  // The turn's label as written ("Host", "President Ilham Aliyev"); for dash-led answers the
  // interviewee a heading named ("Ilham Aliyev was interviewed by ..."); empty when unknown,
  // for furniture and for quotes (the quoted person is not known).
  std::string speaker;
  Span span;  // into Document::text; text == slice(doc.text, span)
  // For quotes: index of the sentence where the quote opens. A quote of several sentences
  // (“We won. They lost.”) keeps one statement; its span then runs on into the following
  // sentences of the same paragraph. -1 for sentences and furniture.
  std::int32_t parent = -1;
  // Speaker turn number: 0 before the first turn. A label, a turn dash, a heading after a turn,
  // or a Q/A switch inferred where a dash is missing starts the next one. Quotes and furniture
  // carry the number of the turn they sit in.
  std::uint32_t turn = 0;
};

struct SegmentOptions {
  bool quotes = true;     // also report quoted speech as statements of kind quote
  bool furniture = true;  // mark furniture (false: treat it as ordinary sentences)
  // Quotes with fewer words are names and titles (“Kommersant”, “60 minutes”, “Iron Fist”),
  // not speech, and are not reported. Words are white-space separated and hold a letter or digit.
  std::size_t min_quote_words = 4;
};

// Sentences (ICU BreakIterator for doc.lang plus rules for glued text, abbreviations,
// ellipses and quotes spanning sentences), speaker turns and quotes, in document order. Quote
// statements follow their parent sentence. Statement spans never include the speaker label
// ("Host: ") or the turn dash, and never start or end with white space.
//
// Paragraphs are lines: every line break ends a sentence, so hard-wrapped text should be
// unwrapped first. Language rules follow doc.lang (unknown and other use the English ones).
// Throws InputError for a text over 2 GiB (ICU's offsets are 32-bit).
std::vector<Statement> segment(const Document& doc, const SegmentOptions& options = {});

}  // namespace quotekit
