// The drift evaluation's key target on real data: WMT21 ru-en news, English reference A aligned
// with reference B (and with a machine translation) after 10% of B's segments were deleted;
// the recovered segment pairs must reach precision and recall >= 0.97. The full evaluation
// with the class distribution is bench/drift_eval.cpp; the corpus is read from the shared
// corpora (never committed) and the test skips when it is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../bench/drift_wmt.hpp"

namespace quotekit {
namespace {

const std::string kWmt21 = std::string(QUOTEKIT_SHARED_CORPORA) + "/wmt-ru-en/newstest2021.ru-en.all.xml";

TEST(DriftWmt, ReaderUnescapesAndKeepsRenderingsApart) {
  EXPECT_EQ(drift_eval::xml_unescape("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &x"),
            "a & b <c> \"d\" 'e' &x");
  if (!std::filesystem::exists(kWmt21)) GTEST_SKIP() << "shared corpus not found: " << kWmt21;
  const auto docs = drift_eval::read_wmt(kWmt21);
  ASSERT_EQ(docs.size(), 116u);  // 107 news documents + 9 test-suite documents (corpora/README.md)
  std::size_t news = 0, segments = 0;
  for (const auto& d : docs) {
    if (d.testsuite) continue;
    ++news;
    const auto* a = d.find("ref:A");
    const auto* b = d.find("ref:B");
    const auto* src = d.find("src");
    ASSERT_TRUE(a && b && src) << d.id;
    EXPECT_EQ(a->size(), src->size()) << d.id;
    EXPECT_EQ(b->size(), src->size()) << d.id;
    segments += src->size();
  }
  EXPECT_EQ(news, 107u);
  EXPECT_EQ(segments, 1000u);
  // The first document's first segment, as the file has it.
  EXPECT_EQ(docs[0].id, "kp.235560");
  EXPECT_EQ(docs[0].find("src")->front(), "Не нужно демонизировать народ Хабаровска");
}

TEST(DriftWmt, HumanTranslationsWithTenPercentDeletedAlignWithPrecisionAndRecallAbove97) {
  if (!std::filesystem::exists(kWmt21)) GTEST_SKIP() << "shared corpus not found: " << kWmt21;
  const auto docs = drift_eval::read_wmt(kWmt21);
  drift_eval::EvalOptions o;  // A vs B, 10% of B deleted, seed 2021, all 107 news documents
  const auto r = drift_eval::evaluate(docs, o);
  EXPECT_EQ(r.docs, 107u);
  EXPECT_EQ(r.deleted, r.segments_a - r.segments_b);
  EXPECT_NEAR(static_cast<double>(r.deleted) / static_cast<double>(r.segments_a), 0.10, 0.02);
  EXPECT_GE(r.precision(), 0.97) << r.correct_links << " of " << r.predicted_links;
  EXPECT_GE(r.recall(), 0.97) << r.correct_links << " of " << r.true_links;
  // Deleted segments come out as omissions, not forced pairs.
  EXPECT_GE(static_cast<double>(r.omissions_found), 0.9 * static_cast<double>(r.deleted));
  // Two human translations differ mostly by re-wording, and some pairs carry meaning-bearing
  // changes (names spelled apart, clauses added or dropped).
  EXPECT_GT(r.classes[static_cast<int>(EditClass::synonym)], 0u);
  EXPECT_GT(r.classes[static_cast<int>(EditClass::wording)], r.classes[static_cast<int>(EditClass::number)]);
}

TEST(DriftWmt, MachineTranslationWithTenPercentDeletedAlignsToo) {
  if (!std::filesystem::exists(kWmt21)) GTEST_SKIP() << "shared corpus not found: " << kWmt21;
  const auto docs = drift_eval::read_wmt(kWmt21);
  drift_eval::EvalOptions o;
  o.b = "hyp:Facebook-AI";
  const auto r = drift_eval::evaluate(docs, o);
  EXPECT_EQ(r.docs, 107u);
  EXPECT_GE(r.precision(), 0.97);
  EXPECT_GE(r.recall(), 0.97);
}

}  // namespace
}  // namespace quotekit
