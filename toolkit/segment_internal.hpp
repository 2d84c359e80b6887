// segment_internal.hpp — private pieces of the segment stage, split by concern so each can be
// tested on its own: sentence boundaries (ICU plus rules for glued text and abbreviations),
// website furniture, quote pairing, and speaker turns (labels, headings, Q/A inference).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/segment.hpp"

namespace quotekit::detail {

// ---- sentences (segment_sentences.cpp) ------------------------------------------------------

// Sentence boundaries over the whole text, sorted and unique, each strictly inside (0, size):
// ICU's sentence break for `lang` (en, ru or tr rules) run over UTF-8 UText, then
//  - removed after an abbreviation — CLDR's suppression list for the language (the data behind
//    "@ss=standard", read from ICU) or our own list — an initial or a dotted acronym (Mr.,
//    U.S., т.е., г., vb.) unless the next word is a common sentence starter ("The", "Это", "Bu");
//  - removed after a Turkish ordinal ("1. Dünya Savaşı");
//  - removed before a lowercase continuation ("Why?” he asked", "?» — спросил он");
//  - added for glued sentences ("countries.But", "happened.”Deliberate": the quote opens the
//    next one) and after an ellipsis followed by a capital ("yesterday… This").
// Paragraph separators always stay boundaries.
void sentence_boundaries(std::string_view text, Lang lang, std::vector<std::uint32_t>& out);

// ICU's own sentence boundaries for `lang` (en, ru or tr rules; others use en) into `out`
// (cleared first): ascending, each strictly inside (0, size). The fast path applies the UAX #29
// rules itself and gives the same positions (sentence_break.cpp); fast_path = false asks ICU.
void sentence_breaks(std::string_view text, Lang lang, std::vector<std::uint32_t>& out,
                     bool fast_path = true);

// The sentences of `unit`: the stretches between the boundaries inside it, trimmed of white
// space; a stretch with no letter or digit is merged into its neighbour in the unit (a unit
// without any letter or digit yields nothing; segment() reports it as furniture).
void unit_sentences(std::string_view text, Span unit, const std::vector<std::uint32_t>& boundaries,
                    std::vector<Span>& out);

// Whether the word ending just before the '.' at `dot` reads as an abbreviation, an initial or
// a dotted acronym for `lang`. Exposed for tests.
bool abbreviation_before(std::string_view text, std::size_t dot, Lang lang);

// ---- furniture (segment_furniture.cpp) -------------------------------------------------------

// A date and/or time stamp at text[begin, end): "12:00", "18 November 2024, 11:00", glued
// "15 November 2024, 14:0911:00", "2021-09-24", "18 ноября 2024", "18 Kasım 2024".
struct Stamp {
  std::size_t end = 0;  // one past the stamp; == begin when there is none
  bool date = false;
  bool time = false;
};
Stamp match_stamp(std::string_view text, std::size_t begin, std::size_t end);

// The visible text ends in "..." or "…" (a teaser cut short by a website).
bool ends_with_ellipsis(std::string_view text, Span s);

// ---- quotes (segment_quotes.cpp) -------------------------------------------------------------

// The insides of the quotes in text[unit] (marks excluded, trimmed, non-empty), ordered by the
// opening mark. Pairs “…”, «…», „…“ (also „…”), and ASCII "…" when the marks look like an
// opening and a closing one; ” directly followed by a letter opens (misused marks, as in
// ‘happened.”Deliberate provocation”’). Quotes never cross the unit; unclosed ones are dropped.
void find_quotes(std::string_view text, Span unit, std::vector<Span>& out);

// White-space separated words that contain a letter or digit.
std::size_t count_words(std::string_view text, Span s);

// ---- turns (segment_turns.cpp) ---------------------------------------------------------------

// A speaker label at the start of a paragraph: "Host:", "President Ilham Aliyev:", "Q:".
struct Label {
  Span name;                 // without the colon
  std::size_t rest = 0;      // first byte after the colon and white space
  Role role = Role::answer;  // question for Host/Correspondent/Q/...; answer otherwise
  bool role_word = false;    // the label is a role word (Host, Q, Ответ, Soru), not a name
};
// Up to 5 capitalized words (connectors like "of", "al" allowed inside) and a colon followed
// by white space or the end. Rejects digits ("12:00"), lowercase words ("Let me say again:")
// and common non-speaker prefixes ("Note:", "Source:"). A name label (not a role word) is only
// accepted when what follows ends like a sentence or is empty, so that titles such as
// "Bernard Vann: 1. Dünya Savaşı'nda ... anıldı" stay titles.
std::optional<Label> parse_label(std::string_view text, std::size_t begin, std::size_t end);

// The person a heading names as interviewee: "Ilham Aliyev was interviewed by ...",
// "X gave an interview to ...", "X`s interview with ...", "... interview with President X".
// Empty when the heading names nobody.
std::string interviewee_from_heading(std::string_view heading);

// How strongly a dash-led turn reads as a question.
enum class QSignal : std::uint8_t {
  none,     // no question mark
  inside,   // a '?' ends some sentence, not the last
  final_q,  // the turn's last sentence ends in '?'
};

// What a dash-led turn shows of its role.
struct TurnEvidence {
  QSignal q = QSignal::none;
  std::size_t bytes = 0;  // length of its text: questions are short, answers long
  bool hard = true;       // a marked turn start; false: a paragraph that usually continues one
};

// Roles of a run of dash-led turns, observed paragraph by paragraph: a two-state
// (question/answer) Viterbi path where a marked turn start most likely flips the role and an
// unmarked paragraph most likely keeps it; a final '?' and a short text are evidence of a
// question. The emission
// tables come from the labelled interviews of the corpus (Host/Correspondent vs President
// turns: 62% of questions end in '?', 5% of answers; median length 162 vs 1282 bytes).
// `before` is the role of the turn just before the run (none: the run starts an interview, so
// it leans question).
std::vector<Role> infer_roles(const std::vector<TurnEvidence>& turns, Role before);

}  // namespace quotekit::detail
