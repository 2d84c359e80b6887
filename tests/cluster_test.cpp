#include "quotekit/cluster.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "quotekit/document.hpp"
#include "quotekit/fingerprint.hpp"
#include "quotekit/lsh.hpp"
#include "quotekit/score.hpp"
#include "quotekit/segment.hpp"
#include "quotekit/tokenize.hpp"
#include "toy_tokens.hpp"

namespace quotekit {
namespace {

// A statement with distinct exact hash `h`, 6 content terms, one name.
ClusterStatement st(std::uint32_t doc, std::uint32_t index, std::uint64_t h) {
  ClusterStatement s;
  s.doc = doc;
  s.index = index;
  s.exact = h;
  s.content_terms = 6;
  s.has_names = true;
  return s;
}

std::set<std::uint32_t> members_of(const TalkingPoint& tp) {
  std::set<std::uint32_t> out;
  for (const auto& m : tp.members) out.insert(m.statement);
  return out;
}

const TalkingPoint* find_with(const ClusterResult& r, std::uint32_t statement) {
  for (const auto& tp : r.clusters) {
    if (members_of(tp).count(statement)) return &tp;
  }
  return nullptr;
}

TEST(Cluster, DoesNotChain) {
  const std::vector<ClusterDocument> docs = {{"a.txt", "", ""}, {"b.txt", "", ""}, {"c.txt", "", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 0, 1), st(1, 0, 2), st(2, 0, 3)};  // A, B, C
  // A~B, B~C, A≁C.
  const std::vector<ScoredPair> chain = {{0, 1, 0.8f}, {1, 2, 0.8f}};
  const ClusterResult r = cluster_talking_points(docs, sts, chain);
  for (const auto& tp : r.clusters) EXPECT_LT(tp.members.size(), 3u);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{0, 1}));  // A is earlier than C
  // With A~C as well, the three belong together.
  const std::vector<ScoredPair> triangle = {{0, 1, 0.8f}, {1, 2, 0.8f}, {2, 0, 0.7f}};
  const ClusterResult t = cluster_talking_points(docs, sts, triangle);
  ASSERT_EQ(t.clusters.size(), 1u);
  EXPECT_EQ(t.clusters[0].members.size(), 3u);
}

TEST(Cluster, JoinNeedsAStrictMajority) {
  // Centre B matched by A, C, D; A~C but D matches only B: D would be 1 of 3 → stays out.
  std::vector<ClusterDocument> docs;
  for (const char* id : {"d0", "d1", "d2", "d3"}) docs.push_back({id, "", ""});
  const std::vector<ClusterStatement> sts = {st(0, 0, 10), st(1, 0, 11), st(2, 0, 12), st(3, 0, 13)};
  const std::vector<ScoredPair> pairs = {{0, 1, 0.9f}, {1, 2, 0.9f}, {1, 3, 0.6f}, {0, 2, 0.8f}};
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{0, 1, 2}));
}

TEST(Cluster, BelowThresholdPairsAreIgnored) {
  const std::vector<ClusterDocument> docs = {{"a", "", ""}, {"b", "", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 0, 1), st(1, 0, 2)};
  ClusterOptions opt;
  opt.threshold = 0.6f;
  EXPECT_TRUE(
      cluster_talking_points(docs, sts, std::vector<ScoredPair>{{0, 1, 0.59f}}, opt).clusters.empty());
  EXPECT_EQ(cluster_talking_points(docs, sts, std::vector<ScoredPair>{{0, 1, 0.6f}}, opt).clusters.size(),
            1u);
}

TEST(Cluster, MedoidIsTheMostCentralWording) {
  std::vector<ClusterDocument> docs;
  for (const char* id : {"d0", "d1", "d2", "d3"}) docs.push_back({id, "", ""});
  const std::vector<ClusterStatement> sts = {st(0, 0, 10), st(1, 0, 11), st(2, 0, 12), st(3, 0, 13)};
  // Sums: A = .9+.6+.6 = 2.1, B = .9+.9+.9 = 2.7, C = .6+.9+.55 = 2.05, D = 2.05.
  const std::vector<ScoredPair> pairs = {{0, 1, 0.9f}, {0, 2, 0.6f}, {0, 3, 0.6f},
                                         {1, 2, 0.9f}, {1, 3, 0.9f}, {2, 3, 0.55f}};
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(r.clusters.size(), 1u);
  const TalkingPoint& tp = r.clusters[0];
  EXPECT_EQ(tp.medoid, 1u);
  ASSERT_EQ(tp.members.size(), 4u);
  for (const auto& m : tp.members) EXPECT_FLOAT_EQ(m.score, m.statement == 1 ? 1.0f : 0.9f);
  EXPECT_EQ(tp.documents, 4u);
}

TEST(Cluster, MedoidUsesRescoreForUnverifiedPairs) {
  std::vector<ClusterDocument> docs;
  for (const char* id : {"d0", "d1", "d2"}) docs.push_back({id, "", ""});
  const std::vector<ClusterStatement> sts = {st(0, 0, 10), st(1, 0, 11), st(2, 0, 12)};
  // A~B .9, A~C .9, B~C missing from the pairs (e.g. LSH missed it) but scores .95 when asked.
  const std::vector<ScoredPair> pairs = {{0, 1, 0.9f}, {0, 2, 0.9f}};
  ClusterOptions opt;
  // Without rescoring only A–B and A–C are known: C cannot join the group {A, B}.
  const ClusterResult plain = cluster_talking_points(docs, sts, pairs, opt);
  ASSERT_EQ(plain.clusters.size(), 1u);
  EXPECT_EQ(plain.clusters[0].members.size(), 2u);
  EXPECT_EQ(plain.clusters[0].medoid, 0u);  // tie: the earliest
  int calls = 0;
  const RescoreFn rescore = [&](std::uint32_t a, std::uint32_t b) {
    ++calls;
    return (std::min(a, b) == 1 && std::max(a, b) == 2) ? 0.95f : 0.0f;
  };
  // Asked, B~C is found: C joins, and B (or C: 1.85 each against A's 1.8; B is earlier) is the
  // most central.
  const ClusterResult r = cluster_talking_points(docs, sts, pairs, opt, rescore);
  EXPECT_GT(calls, 0);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].members.size(), 3u);
  EXPECT_EQ(r.clusters[0].medoid, 1u);
  for (const auto& m : r.clusters[0].members) {
    EXPECT_FLOAT_EQ(m.score, m.statement == 1 ? 1.0f : m.statement == 0 ? 0.9f : 0.95f);
  }
}

TEST(Cluster, IdsAreStableUnderAddedDocumentsAndPairOrder) {
  std::vector<ClusterDocument> docs = {{"rossiya1.txt", "Rossiya-1", "2020-10-04"},
                                       {"aljazeera.txt", "Al Jazeera", "2020-10-03"},
                                       {"trt.txt", "TRT Haber", "2020-10-05"}};
  std::vector<ClusterStatement> sts = {st(0, 5, 100), st(1, 7, 101), st(2, 9, 102), st(0, 6, 200),
                                       st(2, 1, 201)};
  std::vector<ScoredPair> pairs = {{0, 1, 0.8f}, {1, 2, 0.7f}, {0, 2, 0.75f}, {3, 4, 0.9f}};
  const ClusterResult before = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(before.clusters.size(), 2u);
  // The id: XXH3 of the earliest member's document id, seeded with its exact hash. The earliest
  // member of the first group is statement 1 (Al Jazeera, 2020-10-03).
  const TalkingPoint* g1 = find_with(before, 0);
  ASSERT_NE(g1, nullptr);
  EXPECT_EQ(g1->id, to_hex(XXH3_64bits_withSeed("aljazeera.txt", 13, 101)));
  EXPECT_EQ(g1->members.front().statement, 1u);
  EXPECT_EQ(g1->first_date, "2020-10-03");
  EXPECT_EQ(g1->last_date, "2020-10-05");
  EXPECT_EQ(g1->outlets, 3u);
  EXPECT_EQ(g1->id.size(), 16u);

  // Same input, shuffled pairs: same result.
  std::mt19937 rng(1);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  const ClusterResult again = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(again.clusters.size(), before.clusters.size());
  for (std::size_t i = 0; i < before.clusters.size(); ++i) {
    EXPECT_EQ(again.clusters[i].id, before.clusters[i].id);
    EXPECT_EQ(members_of(again.clusters[i]), members_of(before.clusters[i]));
  }

  // More documents: a new talking point, and a later rendering joining an old one.
  docs.push_back({"bbc.txt", "BBC", "2020-11-09"});
  docs.push_back({"tass.txt", "TASS", "2020-11-10"});
  sts.push_back(st(3, 2, 300));
  sts.push_back(st(4, 3, 301));
  sts.push_back(st(4, 4, 102));  // a verbatim repeat of statement 2, a month later
  pairs.push_back({5, 6, 0.85f});
  const ClusterResult after = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(after.clusters.size(), 3u);
  for (const auto& old : before.clusters) {
    const TalkingPoint* now = find_with(after, old.members.front().statement);
    ASSERT_NE(now, nullptr);
    EXPECT_EQ(now->id, old.id);
    const auto m_old = members_of(old);
    const auto m_now = members_of(*now);
    EXPECT_TRUE(std::includes(m_now.begin(), m_now.end(), m_old.begin(), m_old.end()));
  }
  EXPECT_EQ(find_with(after, 7), find_with(after, 2));  // merged as an exact repeat
  EXPECT_EQ(find_with(after, 7)->last_date, "2020-11-10");
}

TEST(Cluster, ExactRepeatsNeedNoPairs) {
  const std::vector<ClusterDocument> docs = {{"a", "X", ""}, {"b", "X", ""}, {"c", "Y", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 0, 42), st(1, 3, 42), st(2, 8, 42), st(2, 9, 43)};
  const ClusterResult r = cluster_talking_points(docs, sts, {});
  ASSERT_EQ(r.clusters.size(), 1u);
  const TalkingPoint& tp = r.clusters[0];
  EXPECT_EQ(tp.members.size(), 3u);
  EXPECT_EQ(tp.documents, 3u);
  EXPECT_EQ(tp.outlets, 2u);
  EXPECT_TRUE(tp.first_date.empty());
  for (const auto& m : tp.members) EXPECT_FLOAT_EQ(m.score, 1.0f);
  ClusterOptions opt;
  opt.merge_exact = false;
  EXPECT_TRUE(cluster_talking_points(docs, sts, {}, opt).clusters.empty());
}

TEST(Cluster, MembersComeEarliestFirst) {
  // Dated before undated, then date, document id, statement index, input position; two
  // documents may share a date and an id (one interview filed twice).
  const std::vector<ClusterDocument> docs = {{"a", "X", ""},           {"z", "X", "2020-02-01"},
                                             {"b", "X", "2020-01-01"}, {"a", "Y", "2020-01-01"},
                                             {"a", "Z", "2020-01-01"}, {"0", "X", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 1, 42), st(1, 1, 42), st(2, 1, 42), st(3, 5, 42),
                                             st(4, 2, 42), st(4, 5, 42), st(3, 2, 42), st(5, 9, 42)};
  const ClusterResult r = cluster_talking_points(docs, sts, {});
  ASSERT_EQ(r.clusters.size(), 1u);
  std::vector<std::uint32_t> order;
  for (const auto& m : r.clusters[0].members) order.push_back(m.statement);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{4, 6, 3, 5, 2, 1, 7, 0}));
  EXPECT_EQ(r.clusters[0].medoid, 4u);  // all score 1: the earliest
  EXPECT_EQ(r.clusters[0].first_date, "2020-01-01");
  EXPECT_EQ(r.clusters[0].last_date, "2020-02-01");
}

TEST(Cluster, MinDocs) {
  const std::vector<ClusterDocument> docs = {{"a", "", ""}, {"b", "", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 0, 1), st(0, 4, 2), st(1, 0, 3)};
  const std::vector<ScoredPair> pairs = {{0, 1, 0.9f}};  // two statements of one document
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  EXPECT_TRUE(r.clusters.empty());
  EXPECT_EQ(r.below_min_docs, 1u);
  ClusterOptions opt;
  opt.min_docs = 1;
  EXPECT_EQ(cluster_talking_points(docs, sts, pairs, opt).clusters.size(), 1u);
}

TEST(Cluster, BoilerplateIsLeftOutUnlessKept) {
  std::vector<ClusterDocument> docs;
  for (const char* id : {"i1", "i2", "i3"}) docs.push_back({id, "", ""});
  auto courtesy = [](std::uint32_t doc, std::uint32_t index) {
    ClusterStatement s = st(doc, index, 7);  // "Thank you very much." verbatim
    s.role = Role::answer;                   // the interviewee's (the documents are interviews)
    s.content_terms = 2;
    s.has_names = false;
    return s;
  };
  auto slogan = [](std::uint32_t doc, std::uint32_t index) {
    ClusterStatement s = st(doc, index, 8);  // "Karabakh is Azerbaijan!"
    s.role = Role::answer;
    s.content_terms = 2;
    s.has_names = true;
    return s;
  };
  auto question = [](std::uint32_t doc, std::uint32_t index, std::uint64_t h) {
    ClusterStatement s = st(doc, index, h);  // "What do you think about the ceasefire?"
    s.role = Role::question;
    return s;
  };
  auto furniture = [](std::uint32_t doc, std::uint32_t index) {
    ClusterStatement s = st(doc, index, 9);  // "12:45"
    s.kind = StatementKind::furniture;
    return s;
  };
  auto yes = [](std::uint32_t doc, std::uint32_t index) {
    ClusterStatement s = st(doc, index, 5);  // "Yes." — below min_content_terms
    s.role = Role::answer;
    s.content_terms = 1;
    s.has_names = false;
    return s;
  };
  const std::vector<ClusterStatement> sts = {
      courtesy(0, 0),     courtesy(1, 0),  courtesy(2, 0),  slogan(0, 1), slogan(1, 1), question(0, 2, 20),
      question(1, 2, 21), furniture(0, 3), furniture(2, 3), yes(1, 4),    yes(2, 4)};
  const std::vector<ScoredPair> pairs = {{5, 6, 0.8f}};
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{3, 4}));  // the slogan stays
  EXPECT_EQ(r.boilerplate, 2u);                                           // courtesies, questions
  EXPECT_EQ(r.filtered, 4u);                                              // furniture ×2, "Yes." ×2

  ClusterOptions keep;
  keep.keep_boilerplate = true;
  const ClusterResult k = cluster_talking_points(docs, sts, pairs, keep);
  std::multiset<Boilerplate> kinds;
  for (const auto& tp : k.clusters) kinds.insert(tp.boilerplate);
  EXPECT_EQ(kinds, (std::multiset<Boilerplate>{Boilerplate::none, Boilerplate::short_statements,
                                               Boilerplate::questions, Boilerplate::furniture,
                                               Boilerplate::short_statements}));
  EXPECT_EQ(to_string(Boilerplate::short_statements), "short");
}

TEST(Cluster, BoilerplateIsDecidedByMostMembers) {
  std::vector<ClusterDocument> docs;
  for (const char* id : {"i1", "i2", "i3", "i4"}) docs.push_back({id, "", ""});
  auto short_st = [](std::uint32_t doc, std::uint64_t h) {
    ClusterStatement s = st(doc, 0, h);  // "No, no."
    s.content_terms = 2;
    s.has_names = false;
    return s;
  };
  // Three short statements and one longer rendering that matches them all: still boilerplate.
  std::vector<ClusterStatement> sts = {short_st(0, 1), short_st(1, 2), short_st(2, 3), st(3, 0, 4)};
  std::vector<ScoredPair> pairs;
  for (std::uint32_t a = 0; a < 4; ++a) {
    for (std::uint32_t b = a + 1; b < 4; ++b) pairs.push_back({a, b, 0.8f});
  }
  ClusterResult r = cluster_talking_points(docs, sts, pairs);
  EXPECT_TRUE(r.clusters.empty());
  EXPECT_EQ(r.boilerplate, 1u);
  // Two of four short: not most of them, a talking point.
  sts[2] = st(2, 0, 3);
  r = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(r.clusters[0].members.size(), 4u);
}

TEST(Cluster, InterviewHeadingsAreBoilerplateNewsSentencesAreNot) {
  const std::vector<ClusterDocument> docs = {
      {"rossiya1", "", ""}, {"aljazeera", "", ""}, {"news1", "", ""}, {"news2", "", ""}};
  // "Ilham Aliyev was interviewed by ..." heads both interviews (no role; the documents have
  // question/answer turns); the two news reports have no turns at all.
  std::vector<ClusterStatement> sts = {st(0, 0, 1), st(1, 0, 2), st(0, 1, 3),
                                       st(1, 1, 4), st(2, 0, 5), st(3, 0, 6)};
  sts[2].role = Role::question;
  sts[3].role = Role::answer;
  const std::vector<ScoredPair> pairs = {{0, 1, 0.8f}, {4, 5, 0.8f}};
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{4, 5}));
  EXPECT_EQ(r.boilerplate, 1u);
  ClusterOptions keep;
  keep.keep_boilerplate = true;
  const ClusterResult k = cluster_talking_points(docs, sts, pairs, keep);
  ASSERT_NE(find_with(k, 0), nullptr);
  EXPECT_EQ(find_with(k, 0)->boilerplate, Boilerplate::headings);
  EXPECT_EQ(to_string(Boilerplate::headings), "headings");
}

TEST(Cluster, RoleAndSpeakerFilters) {
  const std::vector<ClusterDocument> docs = {{"a", "", ""}, {"b", "", ""}};
  std::vector<ClusterStatement> sts = {st(0, 0, 1), st(1, 0, 2), st(0, 1, 3), st(1, 1, 4)};
  sts[0].speaker = "President Ilham Aliyev";
  sts[0].role = Role::answer;
  sts[1].speaker = "PRESIDENT ILHAM ALIYEV";
  sts[2].speaker = "Host";
  sts[2].role = Role::question;
  sts[3].speaker = "Correspondent";
  sts[3].role = Role::question;
  const std::vector<ScoredPair> pairs = {{0, 1, 0.9f}, {2, 3, 0.9f}};
  ClusterOptions opt;
  opt.keep_boilerplate = true;  // the question pair would otherwise go as boilerplate
  EXPECT_EQ(cluster_talking_points(docs, sts, pairs, opt).clusters.size(), 2u);
  opt.answers_only = true;
  auto r = cluster_talking_points(docs, sts, pairs, opt);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{0, 1}));  // role none is kept
  EXPECT_EQ(r.filtered, 2u);
  opt.answers_only = false;
  opt.speakers = {"aliyev"};
  r = cluster_talking_points(docs, sts, pairs, opt);
  ASSERT_EQ(r.clusters.size(), 1u);
  EXPECT_EQ(members_of(r.clusters[0]), (std::set<std::uint32_t>{0, 1}));
}

TEST(Cluster, RejectsIndicesOutsideTheInput) {
  const std::vector<ClusterDocument> docs = {{"a", "", ""}};
  const std::vector<ClusterStatement> sts = {st(0, 0, 1), st(1, 0, 2)};
  EXPECT_THROW(cluster_talking_points(docs, sts, {}), UsageError);
  const std::vector<ClusterStatement> ok = {st(0, 0, 1)};
  EXPECT_THROW(cluster_talking_points(docs, ok, std::vector<ScoredPair>{{0, 5, 0.9f}}), UsageError);
}

// Hand-built tokens for the end-to-end test (the real Tokenizer lives elsewhere): ASCII letters
// and digits make words and numbers, any other character (a whole UTF-8 sequence) punctuation;
// a short stop list; stem = lower-cased word minus a final "s".
std::vector<Token> toy_tokens(std::string_view text) {
  static const std::set<std::string, std::less<>> kStop = {"the", "a",  "an", "of",  "to",   "and",  "in",
                                                           "is",  "we", "it", "our", "that", "this", "i"};
  return toy_testing::toy_tokens(text, kStop);
}

// The whole matching chain on real statements, one document each: fingerprint → LSH → score
// → cluster. The two re-translated sentences of 002 come out as talking points of their own;
// no other statement is pulled in.
void end_to_end(const std::function<std::vector<Token>(std::string_view)>& tokenize) {
  std::ifstream in(std::string(QUOTEKIT_TESTDATA) + "/fingerprint/siblings.tsv");
  EXPECT_TRUE(in) << "missing testdata/fingerprint/siblings.tsv";
  std::vector<int> group;
  std::vector<std::string> text, doc_ids;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    group.push_back(std::stoi(line.substr(0, tab)));
    text.push_back(line.substr(tab + 1));
    doc_ids.push_back("doc" + std::to_string(text.size()));
  }
  const auto n = static_cast<std::uint32_t>(text.size());
  std::vector<std::vector<Token>> toks;
  IdfTable table;
  for (const auto& t : text) {
    toks.push_back(tokenize(t));
    table.add(toks.back());
  }
  Fingerprinter fp;
  LshIndex index = LshIndex::for_threshold(0.3);
  std::vector<ClusterStatement> sts(n);
  std::vector<ClusterDocument> docs(n);
  const Scorer scorer(table);
  std::vector<StatementFeatures> feats;
  MinHashSignature sig;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Fingerprint f = fp.fingerprint(toks[i], sig);
    index.insert(i, sig);
    feats.push_back(scorer.prepare(text[i], toks[i]));
    docs[i] = {doc_ids[i], "", ""};
    sts[i].doc = i;
    sts[i].exact = f.exact;
    sts[i].content_terms = static_cast<std::uint32_t>(feats[i].content_terms());
    sts[i].has_names = !feats[i].names.empty();
  }
  index.build();
  std::vector<ScoredPair> pairs;
  for (const auto& c : index.all_candidate_pairs()) {
    pairs.push_back({c.a, c.b, scorer.score(feats[c.a], feats[c.b]).total});
  }
  const ClusterResult r = cluster_talking_points(docs, sts, pairs);
  std::set<std::set<int>> found;
  for (const auto& tp : r.clusters) {
    std::set<int> groups;
    for (const auto& m : tp.members) groups.insert(group[m.statement]);
    EXPECT_EQ(groups.size(), 1u) << "a cluster mixes talking points";
    EXPECT_EQ(groups.count(0), 0u) << "a cluster of unrelated statements";
    found.insert(groups);
  }
  EXPECT_TRUE(found.count({3}));
  EXPECT_TRUE(found.count({4}));
}

TEST(Cluster, EndToEndOnRealStatements) { end_to_end(toy_tokens); }

TEST(Cluster, EndToEndOnRealStatementsWithTheTokenizer) {
  const Tokenizer tokenizer(Lang::en);
  end_to_end([&](std::string_view text) { return tokenizer.tokenize(text); });
}

// The whole chain on the interviews corpus as published (five documents; 001 holds 26
// interviews): decode → segment → tokenize → fingerprint → LSH → score → cluster.
TEST(Cluster, TalkingPointsAcrossTheInterviews) {
  const std::string dir = std::string(QUOTEKIT_SHARED_CORPORA) + "/interviews/";
  std::vector<Document> docs;
  for (const char* name : {"000_5f32a5e8eb0474fb.txt", "001_7e6423926252e8bc.txt", "002_0dbd30f75ab8431c.txt",
                           "003_c73a71f05d878473.txt", "004_afdebe055954b1b4.txt"}) {
    std::ifstream in(dir + name, std::ios::binary);
    if (!in) GTEST_SKIP() << "interviews corpus not found at " << dir << " (shared corpora absent)";
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    DecodeOptions opt;
    opt.lang = Lang::en;
    opt.lossy = true;
    docs.push_back(make_document(name, bytes, opt, dir + name));
  }
  const Tokenizer tokenizer(Lang::en);
  struct Item {
    std::uint32_t doc;
    Statement st;
    std::vector<Token> toks;
  };
  std::vector<Item> items;
  IdfTable table;
  for (std::uint32_t d = 0; d < docs.size(); ++d) {
    for (Statement& st : segment(docs[d])) {
      Item it{d, std::move(st), {}};
      tokenizer.tokenize(docs[d].text, it.st.span, it.toks);
      table.add(it.toks);
      items.push_back(std::move(it));
    }
  }
  ASSERT_GT(items.size(), 5000u);
  const Scorer scorer(table);
  Fingerprinter fp;
  LshIndex index = LshIndex::for_threshold(0.3);
  MinHashSignature sig;
  std::vector<StatementFeatures> feats(items.size());
  std::vector<ClusterStatement> sts(items.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    const Fingerprint f = fp.fingerprint(items[i].toks, sig);
    index.insert(i, sig);
    scorer.prepare(docs[items[i].doc].text, items[i].toks, feats[i]);
    sts[i].doc = items[i].doc;
    sts[i].index = items[i].st.index;
    sts[i].exact = f.exact;
    sts[i].content_terms = static_cast<std::uint32_t>(feats[i].content_terms());
    sts[i].has_names = !feats[i].names.empty();
    sts[i].role = items[i].st.role;
    sts[i].kind = items[i].st.kind;
    sts[i].speaker = items[i].st.speaker;
  }
  index.build();
  std::vector<ScoredPair> pairs;
  for (const CandidatePair& c : index.all_candidate_pairs()) {
    const float s = scorer.score(feats[c.a], feats[c.b], 0.5f).total;
    if (s >= 0.5f) pairs.push_back({c.a, c.b, s});
  }
  std::vector<ClusterDocument> cdocs;
  for (const Document& d : docs) cdocs.push_back({d.id, "", ""});
  const ClusterResult r = cluster_talking_points(
      cdocs, sts, pairs, {},
      [&](std::uint32_t a, std::uint32_t b) { return scorer.score(feats[a], feats[b]).total; });
  auto text = [&](std::uint32_t i) { return slice(docs[items[i].doc].text, items[i].st.span); };
  // Hajiyev in Kommersant (000): "New war — new territory."; Aliyev in 001, three times:
  // "... a new war for new territories."
  bool new_war = false;
  for (const TalkingPoint& tp : r.clusters) {
    EXPECT_GE(tp.documents, 2u);
    std::set<std::uint32_t> docs_with_new_war;
    for (const ClusterMember& m : tp.members) {
      const std::string_view t = text(m.statement);
      EXPECT_EQ(t.find("was interviewed by"), std::string_view::npos) << t;  // headings are boilerplate
      if (t.find("ew war") != std::string_view::npos && t.find("ew territor") != std::string_view::npos) {
        docs_with_new_war.insert(m.doc);
      }
    }
    if (docs_with_new_war.count(0) && docs_with_new_war.count(1)) new_war = true;
  }
  EXPECT_TRUE(new_war) << "the 'new war for new territories' talking point was not found across 000 and 001";
  EXPECT_GT(r.boilerplate, 0u);

  // Groups become talking points on several threads with the same result.
  ClusterOptions three;
  three.threads = 3;
  const ClusterResult r3 = cluster_talking_points(
      cdocs, sts, pairs, three,
      [&](std::uint32_t a, std::uint32_t b) { return scorer.score(feats[a], feats[b]).total; });
  ASSERT_EQ(r3.clusters.size(), r.clusters.size());
  EXPECT_EQ(r3.boilerplate, r.boilerplate);
  EXPECT_EQ(r3.below_min_docs, r.below_min_docs);
  for (std::size_t k = 0; k < r.clusters.size(); ++k) {
    const TalkingPoint &x = r.clusters[k], &y = r3.clusters[k];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.medoid, y.medoid);
    ASSERT_EQ(x.members.size(), y.members.size());
    for (std::size_t m = 0; m < x.members.size(); ++m) {
      EXPECT_EQ(x.members[m].statement, y.members[m].statement);
      EXPECT_EQ(x.members[m].score, y.members[m].score);
    }
  }
}

}  // namespace
}  // namespace quotekit
