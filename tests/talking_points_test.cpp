// Regression guards for talking points on the shared corpora (skipped when they are absent):
// search and neardup on the hand-labelled gold set (bench/gold), LSH against an all-pairs scan,
// and re-translation matching on WMT21 ru-en. bench/talking_points_eval prints the full figures;
// the bounds here sit a little under what it measured (bench/README.md), so that a change that
// makes matching worse fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "../bench/eval_common.hpp"

namespace quotekit {
namespace {

const std::string kShared = QUOTEKIT_SHARED_CORPORA;
const std::string kGold = std::string(QUOTEKIT_TESTDATA) + "/../bench/gold";

struct GoldFixture {
  eval::InterviewCorpus ic;
  eval::Gold gold;
};

// Loads the interviews and the gold set once; null when the corpus is absent.
const GoldFixture* gold_fixture() {
  static const GoldFixture* f = [] {
    auto* g = new GoldFixture{eval::load_interviews(kShared + "/interviews"), {}};
    if (g->ic.docs.empty()) return static_cast<GoldFixture*>(nullptr);
    g->gold = eval::load_gold(g->ic, kGold);
    return g;
  }();
  return f;
}

TEST(TalkingPointsGold, InterviewsSplitIntoTheirInterviews) {
  const GoldFixture* f = gold_fixture();
  if (!f) GTEST_SKIP() << "interviews corpus not found under " << kShared;
  EXPECT_EQ(f->ic.docs.size(), 30u);  // 000, 26 interviews of 001, 002, 003, 004
  EXPECT_EQ(f->gold.points.size(), 44u);
  EXPECT_EQ(
      std::count_if(f->gold.items.begin(), f->gold.items.end(), [](const auto& g) { return g.rendering; }),
      230);
  for (const eval::GoldSpan& g : f->gold.items) {
    EXPECT_EQ(slice(f->ic.docs[g.doc].text, g.span), g.text);
  }
}

// Measured (bench/README.md), recall@10 / MRR: 0.632 / 0.726 over all statements as labelled;
// 0.660 / 0.788 over answers only with the pooled judgements (bench/gold/pooled_judgements.jsonl:
// correct hits the gold set did not list are not errors). The targets (0.9, 0.8) are not
// reached: 13% of the sibling pairs share under a tenth of their content words, and recall@100
// is 0.877.
TEST(TalkingPointsGold, SearchRecallAndMrr) {
  const GoldFixture* f = gold_fixture();
  if (!f) GTEST_SKIP() << "interviews corpus not found under " << kShared;
  const AnalyzedCorpus corpus(f->ic.docs);
  const eval::SearchFigures s = eval::evaluate_search(corpus, f->ic, f->gold);
  EXPECT_EQ(s.queries, 230u);
  RecordProperty("recall_at_10", std::to_string(s.recall_at_10));
  RecordProperty("mrr", std::to_string(s.mrr));
  EXPECT_GE(s.recall_at_10, 0.60);
  EXPECT_GE(s.mrr, 0.70);

  SearchOptions answers;
  answers.answers_only = true;
  const eval::SearchFigures p = eval::evaluate_search(corpus, f->ic, f->gold, answers, /*pooled=*/true);
  RecordProperty("pooled_recall_at_10", std::to_string(p.recall_at_10));
  RecordProperty("pooled_mrr", std::to_string(p.mrr));
  EXPECT_GE(f->gold.pooled.size(), 150u);
  EXPECT_GE(p.recall_at_10, 0.64);
  EXPECT_GE(p.mrr, 0.76);
  // Leaving out judged-correct hits can only move siblings up.
  EXPECT_GE(p.recall_at_10, eval::evaluate_search(corpus, f->ic, f->gold, answers).recall_at_10);
}

// Measured at the default threshold 0.55: pairwise precision 0.981, recall 0.173, no near miss
// linked.
TEST(TalkingPointsGold, NeardupPairwisePrecision) {
  const GoldFixture* f = gold_fixture();
  if (!f) GTEST_SKIP() << "interviews corpus not found under " << kShared;
  const AnalyzedCorpus corpus(f->ic.docs);
  const eval::NeardupFigures n = eval::evaluate_neardup(corpus, f->gold, find_talking_points(corpus));
  RecordProperty("precision", std::to_string(n.precision()));
  RecordProperty("recall", std::to_string(n.recall()));
  EXPECT_EQ(n.rendering_pairs, 532u);
  EXPECT_GE(n.precision(), 0.9);
  EXPECT_GE(n.recall(), 0.15);
  EXPECT_LE(n.linked_near_misses, 1u);
}

// What is compared: on the interviews corpus (30 documents, ~8.6k statements), the statements
// neardup may cluster (cluster_eligible with the default options: not furniture, at least two
// content terms) and, among them, every pair with different exact hashes (exact repeats are
// grouped by their hash, not by LSH). Similarity: the true Jaccard similarity of the two sets
// of MinHash features (AnalyzedCorpus::minhash_features: each distinct content term as
// round(idf) hashes, so this is the IDF-weighted Jaccard similarity of the term sets),
// computed exactly by an all-pairs similarity join (prefix filtering, then an exact merge of
// the sorted sets). Found: the pair is among the LSH index's candidate pairs, the index as
// neardup uses it (41 bands × 3 rows over K = 128, tuned for P(0.45) ≥ 0.98; buckets of over
// 200 statements skipped). Measured: see bench/README.md.
TEST(TalkingPointsLsh, FindsAtLeast98PercentOfThePairsAnAllPairsScanFinds) {
  const GoldFixture* f = gold_fixture();
  if (!f) GTEST_SKIP() << "interviews corpus not found under " << kShared;
  const AnalyzedCorpus corpus(f->ic.docs);
  const double t = corpus.options().lsh_similarity;
  ASSERT_DOUBLE_EQ(t, 0.45);

  // Feature sets of the eligible statements.
  const ClusterOptions copt;
  std::vector<std::uint32_t> ids;
  std::vector<std::vector<std::uint64_t>> sets;
  for (std::uint32_t i = 0; i < corpus.size(); ++i) {
    if (!cluster_eligible(cluster_statement(corpus, i), copt)) continue;
    std::vector<std::uint64_t> s;
    corpus.minhash_features(i, s);
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    if (s.empty()) continue;
    ids.push_back(i);
    sets.push_back(std::move(s));
  }
  ASSERT_GT(ids.size(), 7000u);

  // All pairs with J ≥ t. Prefix filter: order features rarest first; a pair with J ≥ t shares
  // one of the first |x| - ceil(t·|x|) + 1 features of each side.
  std::unordered_map<std::uint64_t, std::uint32_t> df;
  for (const auto& s : sets) {
    for (const std::uint64_t h : s) ++df[h];
  }
  auto rarer = [&](std::uint64_t a, std::uint64_t b) { return df[a] != df[b] ? df[a] < df[b] : a < b; };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> index;  // feature → set numbers
  std::vector<CandidatePair> truth;
  std::vector<std::uint32_t> seen(sets.size(), 0xFFFFFFFF);
  for (std::uint32_t x = 0; x < sets.size(); ++x) {
    std::vector<std::uint64_t> ordered = sets[x];
    std::sort(ordered.begin(), ordered.end(), rarer);
    const auto n = static_cast<double>(ordered.size());
    const std::size_t prefix = ordered.size() - static_cast<std::size_t>(std::ceil(t * n - 1e-9)) + 1;
    for (std::size_t k = 0; k < std::min(prefix, ordered.size()); ++k) {
      for (const std::uint32_t y : index[ordered[k]]) {
        if (seen[y] == x) continue;
        seen[y] = x;
        if (corpus.exact(ids[x]) == corpus.exact(ids[y])) continue;
        std::size_t shared = 0;
        for (std::size_t i = 0, j = 0; i < sets[x].size() && j < sets[y].size();) {
          if (sets[x][i] < sets[y][j]) {
            ++i;
          } else if (sets[y][j] < sets[x][i]) {
            ++j;
          } else {
            ++shared, ++i, ++j;
          }
        }
        const double j =
            static_cast<double>(shared) / static_cast<double>(sets[x].size() + sets[y].size() - shared);
        if (j >= t) truth.push_back({std::min(ids[x], ids[y]), std::max(ids[x], ids[y])});
      }
      index[ordered[k]].push_back(x);
    }
  }
  ASSERT_GT(truth.size(), 1000u);

  const std::vector<CandidatePair> found = neardup_candidates(corpus);
  std::size_t hit = 0;
  for (const CandidatePair& p : truth) hit += std::binary_search(found.begin(), found.end(), p);
  const double recall = static_cast<double>(hit) / static_cast<double>(truth.size());
  RecordProperty("pairs", std::to_string(truth.size()));
  RecordProperty("lsh_recall", std::to_string(recall));
  std::printf(
      "LSH: %zu of %zu pairs with feature Jaccard >= %.2f are candidates (%.4f); %zu candidates in all\n",
      hit, truth.size(), t, recall, found.size());
  EXPECT_GE(recall, 0.98);
  // Sub-quadratic in practice: far fewer candidates than pairs of statements.
  EXPECT_LT(static_cast<double>(found.size()),
            0.05 * static_cast<double>(ids.size()) * static_cast<double>(ids.size()) / 2);
}

// WMT21 ru-en: two independent human translations (A, B) of the same 1000 Russian news
// segments, and ten systems. Each B segment (or system output) searched against the 1000 A
// segments must find its own A segment first. Measured: B → A top-1 0.947, top-5 0.991;
// systems → A top-1 0.958–0.969.
TEST(TalkingPointsWmt, RetranslationsFindTheirTwinFirst) {
  const eval::Wmt w = eval::load_wmt(kShared + "/wmt-ru-en/newstest2021.ru-en.all.xml");
  if (w.ids.empty()) GTEST_SKIP() << "WMT21 ru-en not found under " << kShared;
  ASSERT_EQ(w.ids.size(), 1000u);
  const AnalyzedCorpus a = eval::wmt_corpus(w, "A");
  const eval::TwinFigures b = eval::evaluate_twins(a, w.refs.at("B"));
  EXPECT_EQ(b.queries, 1000u);
  RecordProperty("b_top1", std::to_string(b.top1_rate()));
  EXPECT_GE(b.top1_rate(), 0.93);
  EXPECT_GE(b.top5_rate(), 0.97);
  ASSERT_TRUE(w.hyps.count("Online-B"));
  const eval::TwinFigures mt = eval::evaluate_twins(a, w.hyps.at("Online-B"));
  RecordProperty("online_b_top1", std::to_string(mt.top1_rate()));
  EXPECT_GE(mt.top1_rate(), 0.93);
}

}  // namespace
}  // namespace quotekit
