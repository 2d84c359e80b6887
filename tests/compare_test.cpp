#include "quotekit/compare.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quotekit/corpus.hpp"
#include "testing_text.hpp"

namespace quotekit {
namespace {

using testing::read_test_file;

const std::string kDriftData = std::string(QUOTEKIT_TESTDATA) + "/drift/";
const std::string kCorpus = std::string(QUOTEKIT_TESTDATA) + "/corpus/";

Document record(const std::string& path, const std::string& id) {
  for (Document& d : load_documents({path}, {})) {
    if (d.id == id) return d;
  }
  ADD_FAILURE() << "no record " << id << " in " << path;
  return {};
}

Document text_document(std::string id, std::string text) {
  DecodeOptions en;
  en.lang = Lang::en;
  return make_document(id, text, en, id);
}

std::vector<std::string> changes(const AlignedPair& p) {
  std::vector<std::string> out;
  for (const Edit& e : p.drift.edits) {
    if (e.op != EditOp::equal) {
      out.push_back(std::string(to_string(e.op)) + " " + std::string(to_string(e.cls)) + " [" + e.a_text +
                    " -> " + e.b_text + "]");
    }
  }
  return out;
}

// Every bead in order, covering both statement lists without gaps; every span and edit text
// round-trips into its document.
void expect_consistent(const Document& a, const Document& b, const DocumentDrift& d) {
  std::uint32_t next_a = 0, next_b = 0;
  for (const AlignedPair& p : d.pairs) {
    ASSERT_EQ(p.bead.a_begin, next_a);
    ASSERT_EQ(p.bead.b_begin, next_b);
    next_a += p.bead.a_count;
    next_b += p.bead.b_count;
    if (p.bead.a_count > 0) {
      EXPECT_EQ(p.a_span.start, d.a[p.bead.a_begin].span.start);
      EXPECT_EQ(p.a_span.end, d.a[next_a - 1].span.end);
    } else {
      EXPECT_TRUE(p.a_span.empty());
    }
    if (p.bead.b_count > 0) {
      EXPECT_EQ(p.b_span.start, d.b[p.bead.b_begin].span.start);
      EXPECT_EQ(p.b_span.end, d.b[next_b - 1].span.end);
    }
    EXPECT_EQ(p.drift.edits.empty(), !p.is_pair());
    for (const Edit& e : p.drift.edits) {
      EXPECT_EQ(e.a_text, std::string(slice(a.text, e.a_span)));
      EXPECT_EQ(e.b_text, std::string(slice(b.text, e.b_span)));
      EXPECT_TRUE(p.a_span.contains(e.a_span) || e.a_span.empty());
      EXPECT_TRUE(p.b_span.contains(e.b_span) || e.b_span.empty());
    }
  }
  EXPECT_EQ(next_a, d.a.size());
  EXPECT_EQ(next_b, d.b.size());
}

// The example: 002's lead paragraph against the body's paragraphs that quote the same
// two sentences in another translation.
TEST(DriftDocuments, ShushaLeadAndBodyRenderingsAlignWithThreeWordChanges) {
  const std::string corpus = kDriftData + "002_renderings.jsonl";
  const Document lead = record(corpus, "lead"), body = record(corpus, "body");
  const DocumentDrift d = drift_documents(lead, body);
  expect_consistent(lead, body, d);
  ASSERT_EQ(d.a.size(), 3u);  // "The President ... commented ...", "“We still ...", "Otherwise, ... said."
  ASSERT_GE(d.b.size(), 4u);  // "Here is our approach.", the two sentences, the rest of the answer

  std::vector<const AlignedPair*> pairs;
  for (const AlignedPair& p : d.pairs) {
    if (p.is_pair()) pairs.push_back(&p);
  }
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0]->bead, (Bead{1, 1, 1, 1, pairs[0]->bead.score}));
  EXPECT_EQ(pairs[1]->bead, (Bead{2, 1, 2, 1, pairs[1]->bead.score}));
  EXPECT_GT(pairs[0]->bead.score, 0.5);
  const auto first = changes(*pairs[0]);
  for (const char* expected : {"replace synonym [sensible -> sane]", "replace synonym [that -> , which]",
                               "replace synonym [still -> nevertheless]"}) {
    EXPECT_NE(std::find(first.begin(), first.end(), expected), first.end()) << expected;
  }
  EXPECT_LT(pairs[0]->drift.score, 0.1);  // re-wording, not a changed claim

  // The lead's first sentence is not in the body; the body's introduction and the rest of the
  // answer are not in the lead: omissions and additions, not forced pairs.
  EXPECT_EQ(d.summary.pairs, 2u);
  EXPECT_EQ(d.summary.omitted, 1u);
  EXPECT_EQ(d.summary.added, d.b.size() - 2);
  EXPECT_EQ(d.summary.count(EditClass::synonym), 3u);
}

// A document against itself with one paragraph deleted: that paragraph's sentences come out as
// one run of 1-0 beads, everything else as unchanged 1-1 pairs.
TEST(DriftDocuments, DeletedParagraphIsAnOmissionRun) {
  const std::string text = read_test_file(kCorpus + "001_rossiya1_60_minutes.txt");
  const std::string paragraph = "President Ilham Aliyev: I believe that Turkey is playing a stabilizing role";
  const std::size_t start = text.find(paragraph);
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = text.find("\n\n", start) + 2;
  const Document a = text_document("full", text);
  const Document b = text_document("cut", text.substr(0, start) + text.substr(end));
  const DocumentDrift d = drift_documents(a, b);
  expect_consistent(a, b, d);

  std::uint32_t in_paragraph = 0;
  for (const Statement& st : d.a) in_paragraph += st.span.start >= start && st.span.end <= end;
  ASSERT_GE(in_paragraph, 10u);
  EXPECT_EQ(d.summary.omitted, in_paragraph);
  EXPECT_EQ(d.summary.added, 0u);
  EXPECT_EQ(d.summary.pairs, d.b.size());
  EXPECT_EQ(d.summary.max_drift, 0.0);
  int runs = 0;
  bool in_run = false;
  for (const AlignedPair& p : d.pairs) {
    if (p.is_pair()) {
      EXPECT_EQ(p.bead.kind(), BeadKind::one_one);
      EXPECT_EQ(slice(a.text, p.a_span), slice(b.text, p.b_span));
      in_run = false;
      continue;
    }
    EXPECT_EQ(p.bead.kind(), BeadKind::one_zero);
    EXPECT_GE(p.a_span.start, start);
    EXPECT_LE(p.a_span.end, end);
    runs += !in_run;
    in_run = true;
  }
  EXPECT_EQ(runs, 1);
}

// A long passage omitted far from the diagonal: anchors cut the alignment into stretches that
// each stay near their diagonal, so the band stays narrow and the omission is one clean run. A: the 26
// interviews of the sample corpus as one document; B: the same without a stretch of 200+ statements from its
// first third.
TEST(DriftDocuments, LongOmissionIsOneRunInANarrowBand) {
  std::string text;
  for (const Document& d : load_documents({kCorpus + "interviews-2020.jsonl"}, {})) text += d.text + "\n\n";
  const Document a = text_document("all", text);
  const DocumentDrift full = drift_documents(a, a);
  ASSERT_GT(full.a.size(), 900u);
  // Cut at paragraph starts: statements [from, to) of A.
  const std::size_t cut_start = text.find("\n\n", text.size() / 5) + 2;
  const std::size_t cut_end = text.find("\n\n", text.size() / 5 + text.size() / 6) + 2;
  const Document b = text_document("cut", text.substr(0, cut_start) + text.substr(cut_end));
  const DocumentDrift d = drift_documents(a, b);
  expect_consistent(a, b, d);
  std::uint32_t cut = 0;
  for (const Statement& st : d.a) cut += st.span.start >= cut_start && st.span.end <= cut_end;
  ASSERT_GT(cut, 150u);
  EXPECT_GT(d.anchors, 1000u);
  EXPECT_LE(d.stats.band, 256u);  // far less than the ~1000-statement detour a diagonal band would need
  EXPECT_FALSE(d.stats.band_limited);
  EXPECT_EQ(d.summary.omitted, cut);
  EXPECT_EQ(d.summary.added, 0u);
  for (const AlignedPair& p : d.pairs) {
    if (p.is_pair()) {
      EXPECT_EQ(slice(a.text, p.a_span), slice(b.text, p.b_span));
    } else {
      EXPECT_GE(p.a_span.start, cut_start);
      EXPECT_LE(p.a_span.end, cut_end);
    }
  }
}

// A sentence split in two in B is one 1-2 bead, diffed over the contiguous tokens of both.
TEST(DriftDocuments, SplitSentenceIsOneMergedBead) {
  const std::string a_text =
      "They appealed to different authorities, to different countries, starting with neighboring ones, "
      "ending "
      "with some countries that are located further away. Therefore, they must eventually understand and "
      "accept "
      "these realities.";
  const std::string b_text =
      "They appealed to different authorities. They went to different countries, starting with neighboring "
      "ones, "
      "ending with some countries that are located further away. Therefore, they must eventually understand "
      "and "
      "accept these realities.";
  const Document a = text_document("a", a_text), b = text_document("b", b_text);
  const DocumentDrift d = drift_documents(a, b);
  expect_consistent(a, b, d);
  ASSERT_EQ(d.a.size(), 2u);
  ASSERT_EQ(d.b.size(), 3u);
  ASSERT_EQ(d.pairs.size(), 2u);
  EXPECT_EQ(d.pairs[0].bead.kind(), BeadKind::one_two);
  EXPECT_EQ(d.pairs[1].bead.kind(), BeadKind::one_one);
  const auto c = changes(d.pairs[0]);
  ASSERT_FALSE(c.empty());
  // ", to" became ". They went to": one replacement inside the merged bead, nothing more.
  EXPECT_LE(c.size(), 2u) << c.front();
}

// Statements made only of function words still pair with themselves.
TEST(DriftDocuments, StatementsWithoutContentWordsPair) {
  const std::string text =
      "So after all. Does everyone recognize this? Everyone recognizes. Is it not so? No.";
  const Document a = text_document("a", text), b = text_document("b", text);
  const DocumentDrift d = drift_documents(a, b);
  EXPECT_EQ(d.summary.pairs, d.a.size());
  EXPECT_EQ(d.summary.omitted + d.summary.added, 0u);
}

TEST(DriftDocuments, FurnitureIsLeftOut) {
  const Document a = text_document("a", "12:45\n\nTurkey is our brotherly country and our ally.\n");
  const Document b = text_document("b", "Turkey is our brotherly country and our ally.\n");
  const DocumentDrift d = drift_documents(a, b);
  ASSERT_EQ(d.a.size(), 1u);
  EXPECT_EQ(d.summary.pairs, 1u);
  EXPECT_EQ(d.summary.omitted, 0u);
}

TEST(DriftDocuments, LanguagesMustAgree) {
  DecodeOptions ru;
  ru.lang = Lang::ru;
  const Document a = text_document("a", "Turkey is our ally.");
  const Document b = make_document("b", "Турция наш союзник.", ru, "b");
  EXPECT_THROW(drift_documents(a, b), UsageError);
}

TEST(DriftStatements, QuotesAsWholeStatements) {
  const Document a = text_document("a", "  We still have hope.\n");
  const Document b = text_document("b", "We nevertheless have hope.");
  const Statement sa = whole_text_statement(a);
  EXPECT_EQ(slice(a.text, sa.span), "We still have hope.");
  const DocumentDrift d = drift_statements(a, {sa}, b, {whole_text_statement(b)});
  ASSERT_EQ(d.pairs.size(), 1u);
  ASSERT_TRUE(d.pairs[0].is_pair());
  EXPECT_EQ(changes(d.pairs[0]), (std::vector<std::string>{"replace synonym [still -> nevertheless]"}));
  EXPECT_TRUE(whole_text_statement(text_document("blank", " \n ")).span.empty());
}

TEST(DriftStatements, BadSpansAreInputErrors) {
  const Document a = text_document("a", "Turkey is our ally.");
  Statement outside;
  outside.span = Span{5, 400};
  EXPECT_THROW(drift_statements(a, {outside}, a, {whole_text_statement(a)}), InputError);
  Statement s1, s2;
  s1.span = Span{0, 10};
  s2.span = Span{5, 12};
  EXPECT_THROW(drift_statements(a, {s1, s2}, a, {whole_text_statement(a)}), InputError);
}

}  // namespace
}  // namespace quotekit
