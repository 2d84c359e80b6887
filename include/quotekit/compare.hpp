// quotekit/compare.hpp — two renderings of one text, end to end: segment both, tokenize, weigh
// terms over both (IDF), align the statements with the monolingual Scorer, and diff every
// aligned pair. The glue an editor's question needs ("which sentence is which, what was left out
// or added, where did the wording change?") over the stages in align.hpp, score.hpp and
// drift.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "quotekit/align.hpp"
#include "quotekit/document.hpp"
#include "quotekit/drift.hpp"
#include "quotekit/score.hpp"
#include "quotekit/segment.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

struct DriftOptions {
  // Statements are the documents' sentences: quoted speech is part of its sentence (a quote
  // statement would overlap it) and website furniture is skipped, so timestamps and teasers
  // neither pair up nor count as omissions.
  SegmentOptions segment = [] {
    SegmentOptions o;
    o.quotes = false;
    return o;
  }();
  bool keep_furniture = false;  // align furniture statements too
  AlignOptions align;           // calibrated defaults (align.hpp)
  ScoreOptions score;
  DiffOptions diff;  // diff.lang unknown: the documents' language
};

// One bead of the alignment with what it says about the wording.
struct AlignedPair {
  Bead bead;  // statement indexes are into DocumentDrift::a / b, not Statement::index
  // Byte spans into each document's text: from the first statement's start to the last's end
  // (a merged bead covers its two statements and what lies between). Empty (at the statement
  // boundary) on the missing side of a 1-0 / 0-1 bead.
  Span a_span;
  Span b_span;
  ScoreParts parts;  // the Scorer's components for the bead (zeros for 1-0 / 0-1)
  PairDrift drift;   // the diff (spans into the documents' texts) and its drift; empty for 1-0 / 0-1

  bool is_pair() const noexcept { return bead.is_pair(); }
};

struct DocumentDrift {
  std::vector<Statement> a;  // the statements aligned, in document order (Statement::index kept)
  std::vector<Statement> b;
  std::vector<AlignedPair> pairs;  // every bead, in order: both sides covered, no gaps
  DriftSummary summary;
  AlignStats stats;
};

// Aligns and diffs two renderings of one text in one language. The language is each
// document's Document::lang (unknown: English word lists and stemmer). Throws UsageError when
// both documents' languages are known and differ: the score is monolingual.
// Cost: segmentation and tokenization are linear; the alignment scores O(n · band) cells with
// the band max(20, 5% of max(n, m)) statements (doubled where the path needs it), so it grows
// about quadratically with length; a pair's diff is near-linear in its tokens.
DocumentDrift drift_documents(const Document& a, const Document& b, const DriftOptions& options = {});

// The same over statements the caller chose (e.g. one quote each: `quotekit drift --quote`).
// Every statement's span must lie inside its document; statements of one side must be in order
// and must not overlap (InputError otherwise).
DocumentDrift drift_statements(const Document& a, std::vector<Statement> statements_a, const Document& b,
                               std::vector<Statement> statements_b, const DriftOptions& options = {});

// The whole text of `doc` as one statement (leading and trailing white space left out; empty
// text gives an empty span at 0).
Statement whole_text_statement(const Document& doc);

}  // namespace quotekit
