// AnalyzedCorpus, find_talking_points and search on real text: the statements and spans the
// analysis keeps, independence from the number of threads, and the matching chain end to end.
#include "quotekit/analyze.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "quotekit/corpus.hpp"
#include "quotekit/neardup.hpp"
#include "quotekit/search.hpp"

namespace quotekit {
namespace {

std::vector<Document> sample_corpus() {
  const std::string path = std::string(QUOTEKIT_TESTDATA) + "/corpus/interviews-2020.jsonl";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing " << path;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_jsonl(bytes, DecodeOptions{}, path);
}

// A small corpus written here: three documents saying two things in different words, plus
// filler. Each sentence is its own line (a paragraph).
std::vector<Document> tiny_corpus() {
  auto doc = [](std::string id, std::string text, std::string outlet, std::string date) {
    Document d;
    d.id = std::move(id);
    d.text = std::move(text);
    d.lang = Lang::en;
    d.encoding = "UTF-8";
    d.outlet = std::move(outlet);
    d.date = std::move(date);
    return d;
  };
  return {
      doc("a",
          "No country in the world recognizes the so-called Nagorno-Karabakh Republic.\n"
          "The weather in Baku was sunny on Tuesday.\n"
          "We demand the withdrawal of Armenian troops from the occupied territories.\n",
          "Outlet A", "2020-10-01"),
      doc("b",
          "Not a single country in the world recognizes the Nagorno-Karabakh Republic.\n"
          "Our football team won the match yesterday evening.\n"
          "Armenian troops must withdraw from the occupied territories, we demand it.\n",
          "Outlet B", "2020-10-05"),
      doc("c",
          "No country of the world has recognized the so-called Nagorno-Karabakh Republic, not even "
          "Armenia.\n"
          "The new bridge over the river opened last spring.\n",
          "Outlet C", "2020-11-02"),
  };
}

TEST(AnalyzedCorpus, KeepsEveryStatementWithItsSpan) {
  const std::vector<Document> docs = sample_corpus();
  ASSERT_FALSE(docs.empty());
  AnalyzeOptions opt;
  opt.threads = 2;
  const AnalyzedCorpus corpus(docs, opt);
  std::size_t expected = 0;
  for (const Document& d : docs) expected += segment(d).size();
  ASSERT_EQ(corpus.size(), expected);
  ASSERT_EQ(corpus.documents().size(), docs.size());
  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    const std::vector<Statement> sts = segment(docs[d]);
    const std::uint32_t first = corpus.first_statement(d);
    for (std::uint32_t k = 0; k < sts.size(); ++k) {
      const std::uint32_t i = first + k;
      const Statement got = corpus.statement(i);
      EXPECT_EQ(corpus.info(i).doc, d);
      EXPECT_EQ(got.index, sts[k].index);
      EXPECT_EQ(got.span, sts[k].span);
      EXPECT_EQ(got.kind, sts[k].kind);
      EXPECT_EQ(got.role, sts[k].role);
      EXPECT_EQ(got.speaker, sts[k].speaker);
      EXPECT_EQ(got.parent, sts[k].parent);
      EXPECT_EQ(got.turn, sts[k].turn);
      EXPECT_EQ(corpus.text(i), slice(docs[d].text, sts[k].span));
    }
  }
  EXPECT_EQ(corpus.main_language(), Lang::en);
  EXPECT_GT(corpus.memory_bytes(), corpus.size() * 32);
}

TEST(AnalyzedCorpus, FeaturesMatchTheScorerOnTheTokens) {
  const std::vector<Document> docs = tiny_corpus();
  const AnalyzedCorpus corpus(docs);
  const Tokenizer tok(Lang::en);
  std::size_t with_tails = 0;  // statements with a hyphenated compound ("Nagorno-Karabakh")
  for (std::uint32_t i = 0; i < corpus.size(); ++i) {
    std::vector<Token> tokens;
    tok.tokenize(corpus.document_of(i).text, corpus.info(i).span, tokens);
    const StatementFeatures f = corpus.scorer().prepare(corpus.document_of(i).text, tokens);
    const FeatureView v = corpus.features(i);
    EXPECT_TRUE(std::equal(v.terms.begin(), v.terms.end(), f.terms.begin(), f.terms.end())) << corpus.text(i);
    EXPECT_TRUE(std::equal(v.sequence.begin(), v.sequence.end(), f.sequence.begin(), f.sequence.end()));
    EXPECT_TRUE(std::equal(v.numbers.begin(), v.numbers.end(), f.numbers.begin(), f.numbers.end()));
    EXPECT_TRUE(std::equal(v.names.begin(), v.names.end(), f.names.begin(), f.names.end()));
    EXPECT_TRUE(std::equal(v.joined.begin(), v.joined.end(), f.joined.begin(), f.joined.end()));
    with_tails += !v.joined.empty();
    EXPECT_FLOAT_EQ(v.weight, f.weight);
    EXPECT_EQ(corpus.exact(i), exact_hash(tokens));
  }
  EXPECT_GE(with_tails, 3u);
}

// On the interviews sample: compound tails come only from words joined by a hyphen, and the
// corpus's most frequent compound, "Nagorno-Karabakh", is marked wherever "Karabakh" does not
// also stand alone.
TEST(AnalyzedCorpus, CompoundTailsOnRealText) {
  const AnalyzedCorpus c(sample_corpus());
  std::size_t with_tails = 0, nagorno = 0, nagorno_marked = 0;
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    const std::string_view t = c.text(i);
    const bool tails = !c.features(i).joined.empty();
    with_tails += tails;
    if (tails) {
      EXPECT_TRUE(t.find('-') != std::string_view::npos || t.find("\u2010") != std::string_view::npos ||
                  t.find("\u2011") != std::string_view::npos)
          << t;
    }
    // Every "Karabakh" in the statement is the tail of "Nagorno-Karabakh".
    std::size_t karabakh = 0, compound = 0;
    for (std::size_t at = 0; (at = t.find("Karabakh", at)) != std::string_view::npos; ++at) ++karabakh;
    for (std::size_t at = 0; (at = t.find("Nagorno-Karabakh", at)) != std::string_view::npos; ++at)
      ++compound;
    if (compound > 0 && compound == karabakh && c.features(i).content_terms() > 0) {
      ++nagorno;
      nagorno_marked += tails;
      EXPECT_LT(c.features(i).content_units(), c.features(i).content_terms()) << t;
    }
  }
  EXPECT_GE(nagorno, 10u);
  EXPECT_EQ(nagorno_marked, nagorno);
  EXPECT_GT(with_tails, nagorno);  // co-chairs, F-16s, ... as well
}

// On the interviews sample: negated statements are found where the text says so, and a denial
// does not join the talking point of what it denies.
TEST(AnalyzedCorpus, NegationOnRealText) {
  const AnalyzedCorpus c(sample_corpus());
  std::size_t negated = 0, dont = 0;
  auto find = [&](std::string_view text) {
    for (std::uint32_t i = 0; i < c.size(); ++i) {
      if (c.text(i) == text) return i;
    }
    ADD_FAILURE() << "not in the sample: " << text;
    return std::uint32_t{0};
  };
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    negated += c.features(i).negations > 0;
    const std::string_view t = c.text(i);
    if (t.find(" don\u2019t ") != std::string_view::npos || t.find(" don't ") != std::string_view::npos) {
      ++dont;
      EXPECT_GT(c.features(i).negations, 0u) << t;
    }
  }
  EXPECT_GE(dont, 20u);
  EXPECT_GT(negated, c.size() / 20);
  const std::uint32_t wants = find("That\u2019s what Armenia wants to do.");
  const std::uint32_t does_not = find("Armenia doesn\u2019t want to do it.");
  EXPECT_EQ(c.features(wants).negations, 0u);
  EXPECT_EQ(c.features(does_not).negations, 1u);
  const ScoreParts p = c.scorer().score(c.features(wants), c.features(does_not));
  EXPECT_FLOAT_EQ(p.negation, c.scorer().options().negation_changed);
  EXPECT_LT(p.total, 0.55f);  // below neardup's threshold
  // Nor does the clustering put them together.
  for (const TalkingPoint& tp : find_talking_points(c).talking_points.clusters) {
    bool has_wants = false, has_denial = false;
    for (const ClusterMember& m : tp.members) {
      has_wants |= m.statement == wants;
      has_denial |= m.statement == does_not;
    }
    EXPECT_FALSE(has_wants && has_denial) << tp.id;
  }
}

TEST(AnalyzedCorpus, SameResultOnOneOrTwoThreads) {
  const std::vector<Document> docs = sample_corpus();
  AnalyzeOptions one, two;
  one.threads = 1;
  two.threads = 2;
  one.keep_signatures = two.keep_signatures = true;
  const AnalyzedCorpus a(docs, one), b(docs, two);
  ASSERT_EQ(a.size(), b.size());
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.exact(i), b.exact(i));
    ASSERT_EQ(a.simhash(i), b.simhash(i));
    const auto sa = a.signature(i), sb = b.signature(i);
    ASSERT_TRUE(std::equal(sa.begin(), sa.end(), sb.begin(), sb.end()));
    const FeatureView fa = a.features(i), fb = b.features(i);
    ASSERT_TRUE(std::equal(fa.sequence.begin(), fa.sequence.end(), fb.sequence.begin(), fb.sequence.end()));
  }
  // The LSH index is built (bands sorted and split) on as many threads as the analysis: the
  // same candidate pairs either way.
  const std::vector<CandidatePair> c1 = neardup_candidates(a), c2 = neardup_candidates(b);
  EXPECT_GT(c1.size(), 1000u);
  EXPECT_EQ(c1, c2);
  NeardupOptions n1, n2;
  n1.threads = 1;
  n2.threads = 2;
  const NeardupResult r1 = find_talking_points(a, n1), r2 = find_talking_points(b, n2);
  ASSERT_EQ(r1.talking_points.clusters.size(), r2.talking_points.clusters.size());
  ASSERT_GT(r1.talking_points.clusters.size(), 10u);
  for (std::size_t k = 0; k < r1.talking_points.clusters.size(); ++k) {
    EXPECT_EQ(r1.talking_points.clusters[k].id, r2.talking_points.clusters[k].id);
    EXPECT_EQ(r1.talking_points.clusters[k].members.size(), r2.talking_points.clusters[k].members.size());
  }
}

TEST(AnalyzedCorpus, MovedCorpusStillScores) {
  AnalyzedCorpus a(tiny_corpus());
  const float before = a.scorer().score(a.features(0), a.features(3)).total;
  AnalyzedCorpus b(std::move(a));
  EXPECT_FLOAT_EQ(b.scorer().score(b.features(0), b.features(3)).total, before);
  EXPECT_GT(before, 0.5f);  // the two "no country recognizes" sentences
}

TEST(AnalyzedCorpus, InvalidOptionsAndMissingIndexes) {
  AnalyzeOptions bad;
  bad.lsh_similarity = 1.5;
  EXPECT_THROW(AnalyzedCorpus(tiny_corpus(), bad), UsageError);
  AnalyzeOptions none;
  none.lsh_similarity = 0;
  none.term_index = false;
  const AnalyzedCorpus c(tiny_corpus(), none);
  EXPECT_EQ(c.lsh(), nullptr);
  EXPECT_THROW(find_talking_points(c), UsageError);
  EXPECT_THROW(search(c, "No country recognizes it."), UsageError);
}

TEST(AnalyzedCorpus, EmptyCorpus) {
  const AnalyzedCorpus c(std::vector<Document>{});
  EXPECT_EQ(c.size(), 0u);
  EXPECT_TRUE(find_talking_points(c).talking_points.clusters.empty());
  EXPECT_TRUE(search(c, "anything at all").empty());
}

TEST(AnalyzedCorpus, ReportsProgressOnTheCallingThread) {
  std::vector<std::string> stages;
  std::uint64_t last_done = 0, total = 0;
  AnalyzeOptions opt;
  opt.threads = 2;
  opt.progress = [&](const Progress& p) {
    if (stages.empty() || stages.back() != p.stage) stages.emplace_back(p.stage);
    if (p.stage == "analyzing") {
      EXPECT_GE(p.done, last_done);
      last_done = p.done;
      total = p.total;
    }
  };
  const AnalyzedCorpus c(sample_corpus(), opt);
  ASSERT_GE(stages.size(), 2u);
  EXPECT_EQ(stages.front(), "analyzing");
  EXPECT_EQ(stages.back(), "indexing");
  EXPECT_EQ(last_done, total);
  EXPECT_GT(total, 100000u);
}

Document interview(std::string id, std::string text) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.lang = Lang::en;
  d.encoding = "UTF-8";
  return d;
}

// Three wordings that differ only in stop words and punctuation (one a host's question), and
// two that differ in a number.
std::vector<Document> repeated_wordings() {
  return {
      interview("a",
                "Host: You will liberate all our occupied territories by force?\n"
                "President Ilham Aliyev: The weather was fine on Monday in Baku.\n"),
      interview(
          "b",
          "Host: What happened near Fuzuli?\n"
          "President Ilham Aliyev: We shall liberate all our occupied territories by force! Armenia lost 5 "
          "tanks near Fuzuli.\n"),
      interview("c",
                "Host: And then?\n"
                "President Ilham Aliyev: And we will liberate all our occupied territories by force. Armenia "
                "lost 7 "
                "tanks near Fuzuli.\n"),
  };
}

std::uint32_t statement_with(const AnalyzedCorpus& c, std::uint32_t doc, std::string_view prefix) {
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    if (c.info(i).doc == doc && c.text(i).substr(0, prefix.size()) == prefix) return i;
  }
  ADD_FAILURE() << "no statement of document " << doc << " starts with " << prefix;
  return 0;
}

TEST(AnalyzedCorpus, StatementsTheScorerCannotTellApartShareOneLshEntry) {
  const AnalyzedCorpus c(repeated_wordings());
  const std::uint32_t qa = statement_with(c, 0, "You will liberate"), wb = statement_with(c, 1, "We shall"),
                      wc = statement_with(c, 2, "And we will"), nb = statement_with(c, 1, "Armenia lost 5"),
                      nc = statement_with(c, 2, "Armenia lost 7");
  EXPECT_NE(c.exact(qa), c.exact(wb));
  EXPECT_EQ(c.feature_key(qa), c.feature_key(wb));
  EXPECT_EQ(c.feature_key(qa), c.feature_key(wc));
  EXPECT_NE(c.feature_key(nb), c.feature_key(nc));  // a changed number is another claim
  EXPECT_EQ(c.scorer().score(c.features(qa), c.features(wc)).total, 1.0f);
  // The first of them stands for all three in the index.
  EXPECT_EQ(c.lsh_representative(qa), qa);
  EXPECT_EQ(c.lsh_representative(wb), qa);
  EXPECT_EQ(c.lsh_representative(wc), qa);
  EXPECT_EQ(c.lsh_representative(nc), nc);
  std::set<std::uint64_t> distinct;
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    if (!c.features(i).terms.empty()) distinct.insert(c.feature_key(i));
  }
  EXPECT_EQ(c.lsh()->size(), distinct.size());
  // Candidate pairs of statements are expanded from the representatives' pairs.
  const std::vector<CandidatePair> pairs = neardup_candidates(c);
  for (const CandidatePair p : {CandidatePair{qa, wb}, CandidatePair{qa, wc}, CandidatePair{wb, wc}})
    EXPECT_TRUE(std::binary_search(pairs.begin(), pairs.end(), p)) << p.a << " " << p.b;

  // The key depends on the wording alone, not on the rest of the corpus.
  std::vector<Document> alone = repeated_wordings();
  alone.erase(alone.begin(), alone.begin() + 2);
  const AnalyzedCorpus c2(std::move(alone));
  EXPECT_EQ(c2.feature_key(statement_with(c2, 0, "And we will")), c.feature_key(wc));

  AnalyzeOptions every;
  every.lsh_distinct = false;
  const AnalyzedCorpus c3(repeated_wordings(), every);
  EXPECT_EQ(c3.lsh_representative(wb), wb);
  EXPECT_GT(c3.lsh()->size(), distinct.size());
}

TEST(FindTalkingPoints, RepeatedWordingsJoinThroughTheirFirstEligibleStatement) {
  const AnalyzedCorpus c(repeated_wordings());
  const std::uint32_t qa = statement_with(c, 0, "You will liberate"), wb = statement_with(c, 1, "We shall"),
                      wc = statement_with(c, 2, "And we will");
  auto members = [&](const NeardupOptions& opt) {
    std::set<std::uint32_t> out;
    for (const TalkingPoint& tp : find_talking_points(c, opt).talking_points.clusters) {
      for (const ClusterMember& m : tp.members) {
        if (c.feature_key(m.statement) == c.feature_key(qa)) out.insert(m.statement);
      }
    }
    return out;
  };
  NeardupOptions opt;
  EXPECT_EQ(members(opt), (std::set<std::uint32_t>{qa, wb, wc}));
  // Only answers: the host's question, which stands for the wording in the index, drops out,
  // and the answers still form the talking point.
  opt.cluster.answers_only = true;
  EXPECT_EQ(members(opt), (std::set<std::uint32_t>{wb, wc}));
  opt.cluster.merge_exact = false;
  EXPECT_THROW(find_talking_points(c, opt), UsageError);
}

TEST(FindTalkingPoints, SimilarityEstimateSkipsOnlyHopelessPairs) {
  const AnalyzedCorpus c(sample_corpus());
  NeardupOptions every;
  every.min_estimated_similarity = 0;
  const NeardupResult all = find_talking_points(c, every);
  const NeardupResult quick = find_talking_points(c);  // 0.15
  EXPECT_EQ(quick.stats.candidates, all.stats.candidates);
  EXPECT_LT(quick.stats.scored, all.stats.scored * 3 / 4);  // a quarter fewer at least
  EXPECT_EQ(quick.stats.verified, all.stats.verified);
  ASSERT_EQ(quick.talking_points.clusters.size(), all.talking_points.clusters.size());
  for (std::size_t k = 0; k < all.talking_points.clusters.size(); ++k) {
    EXPECT_EQ(quick.talking_points.clusters[k].id, all.talking_points.clusters[k].id);
    EXPECT_EQ(quick.talking_points.clusters[k].members.size(), all.talking_points.clusters[k].members.size());
  }
}

// The generator's hubs at 1M statements were statements like "Nagorno-Karabakh of.": with the
// name's two halves counted as two content terms, it passed min_content_terms and
// min_shared_terms against every sentence naming Nagorno-Karabakh.
TEST(FindTalkingPoints, AHyphenatedNameIsOneTerm) {
  std::vector<Document> docs;
  const std::vector<std::string> texts = {
      "Nagorno-Karabakh of.\nNagorno-Karabakh is Azerbaijan.\n",
      "Nagorno-Karabakh is Armenia.\nNagorno-Karabakh!\n",
      "Nagorno-Karabakh of it.\nNagorno-Karabakh is part of Azerbaijan.\n",
      "Nagorno-Karabakh is an integral part of Azerbaijan.\nNagorno-Karabakh is Armenia, they said.\n",
  };
  for (std::size_t k = 0; k < texts.size(); ++k) {
    Document d;
    d.id = "d" + std::to_string(k);
    d.text = texts[k];
    d.lang = Lang::en;
    docs.push_back(std::move(d));
  }
  const AnalyzedCorpus c(std::move(docs));
  const NeardupResult r = find_talking_points(c);
  bool part_of_azerbaijan = false, armenia_said = false;
  for (const TalkingPoint& tp : r.talking_points.clusters) {
    std::set<std::string_view> texts_in;
    for (const ClusterMember& m : tp.members) texts_in.insert(c.text(m.statement));
    for (const std::string_view t : texts_in) {
      EXPECT_NE(t, "Nagorno-Karabakh of.");  // one term: below min_content_terms
      EXPECT_NE(t, "Nagorno-Karabakh!");
    }
    const bool azerbaijan = texts_in.count("Nagorno-Karabakh is Azerbaijan.") > 0;
    const bool armenia = texts_in.count("Nagorno-Karabakh is Armenia.") > 0;
    EXPECT_FALSE(azerbaijan && armenia);  // the name alone in common
    part_of_azerbaijan |= texts_in.count("Nagorno-Karabakh is part of Azerbaijan.") > 0 &&
                          texts_in.count("Nagorno-Karabakh is an integral part of Azerbaijan.") > 0;
    armenia_said |= armenia && texts_in.count("Nagorno-Karabakh is Armenia, they said.") > 0;
  }
  EXPECT_TRUE(part_of_azerbaijan);
  EXPECT_TRUE(armenia_said);  // the name and "Armenia" in common: two terms
}

TEST(FindTalkingPoints, GroupsRewordingsAcrossDocuments) {
  const AnalyzedCorpus c(tiny_corpus());
  NeardupOptions opt;
  opt.cluster.threshold = 0.45f;
  const NeardupResult r = find_talking_points(c, opt);
  ASSERT_EQ(r.talking_points.clusters.size(), 2u);
  const TalkingPoint& recognize = r.talking_points.clusters[0];  // three documents
  EXPECT_EQ(recognize.documents, 3u);
  EXPECT_EQ(recognize.outlets, 3u);
  EXPECT_EQ(recognize.first_date, "2020-10-01");
  EXPECT_EQ(recognize.last_date, "2020-11-02");
  for (const ClusterMember& m : recognize.members) {
    EXPECT_NE(c.text(m.statement).find("Karabakh"), std::string_view::npos);
    EXPECT_GE(m.score, 0.45f);
  }
  const TalkingPoint& troops = r.talking_points.clusters[1];
  EXPECT_EQ(troops.documents, 2u);
  for (const ClusterMember& m : troops.members)
    EXPECT_NE(c.text(m.statement).find("troops"), std::string_view::npos);
  EXPECT_GT(r.stats.candidates, 0u);
  EXPECT_GE(r.stats.verified, 3u);
}

TEST(Search, RanksRewordingsFirstWithScoreParts) {
  const AnalyzedCorpus c(tiny_corpus());
  const auto hits = search(c, "No state recognizes the Nagorno-Karabakh Republic.");
  ASSERT_GE(hits.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_NE(c.text(hits[k].statement).find("Karabakh"), std::string_view::npos);
    EXPECT_GT(hits[k].score.overlap, 0.0f);
    EXPECT_GT(hits[k].score.alignment, 0.0f);
    if (k > 0) {
      EXPECT_LE(hits[k].score.total, hits[k - 1].score.total);
    }
  }
  SearchOptions top1;
  top1.top = 1;
  EXPECT_EQ(search(c, "No state recognizes the Nagorno-Karabakh Republic.", top1).size(), 1u);
  EXPECT_TRUE(search(c, "Completely unrelated gibberish words zyxw.").empty());
}

// The prefilter only limits which statements are scored in full: with room for all of them,
// the hits are exactly those of a brute-force scan with the same scorer.
TEST(Search, PrefilterKeepsTheBruteForceTopHits) {
  const AnalyzedCorpus c(sample_corpus());
  const std::string query = "Armenian troops must be withdrawn from the occupied territories of Azerbaijan.";
  SearchOptions opt;
  opt.top = 10;
  const auto hits = search(c, query, opt);
  const StatementFeatures q = query_features(c, query, opt);
  ScoreOptions so = c.scorer().options();
  so.query_coverage = opt.query_coverage;
  const Scorer scorer(c.idf(), so);
  std::vector<std::pair<float, std::uint32_t>> all;
  for (std::uint32_t i = 0; i < c.size(); ++i) {
    if (c.info(i).kind == StatementKind::furniture) continue;
    all.emplace_back(-scorer.score(q, c.features(i)).total, i);
  }
  std::sort(all.begin(), all.end());
  ASSERT_EQ(hits.size(), 10u);
  for (std::size_t k = 0; k < hits.size(); ++k) {
    EXPECT_EQ(hits[k].statement, all[k].second) << k;
    EXPECT_FLOAT_EQ(hits[k].score.total, -all[k].first);
  }
}

}  // namespace
}  // namespace quotekit
