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
  // The calibrated defaults of align.hpp, but a narrow starting band: two renderings of one
  // text stay near the diagonal, and the aligner doubles the band wherever the best path
  // touches its edge (a long omitted passage costs a few passes). align.hpp's default start,
  // 5% of the longer side, would score ~30 times more cells on 20k statements for the same
  // alignment (bench/drift_bench).
  AlignOptions align = [] {
    AlignOptions o;
    o.band = 32;
    return o;
  }();
  // Cut the alignment at anchors — statements identical word for word and unique on both
  // sides, or pairs sharing two or more terms each side uses only there and scoring at least
  // anchor_min_score — and align the stretches between them. Keeps the band narrow after long
  // omissions (7.5k statements with 1.3k omitted in one stretch: 0.5 s instead of 14 s); an
  // anchor cannot take part in a merged bead.
  bool anchors = true;
  double anchor_min_score = 0.6;
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
  AlignStats stats;           // summed over the stretches between anchors (band: the widest)
  std::uint32_t anchors = 0;  // 1-1 beads fixed before the alignment
};

// Aligns and diffs two renderings of one text in one language. The language is each
// document's Document::lang (unknown: English word lists and stemmer). Throws UsageError when
// both documents' languages are known and differ: the score is monolingual.
// Cost: segmentation, tokenization and the diffs are linear in the text; the alignment scores
// O(n · band) cells, the band starting at 32 statements and doubled only where the path needs
// it, so for renderings that stay near the diagonal the whole grows about linearly.
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
