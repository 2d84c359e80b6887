#include "quotekit/fingerprint.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "toy_tokens.hpp"

namespace quotekit {
namespace {

// Hand-built tokens (the real Tokenizer lives elsewhere): words split at ASCII spaces and
// punctuation, lower-cased; digits make numbers; a few stop words; stem = norm minus a final
// "s". Spans index into `text`.
std::vector<Token> toy_tokens(std::string_view text) {
  static const std::set<std::string, std::less<>> kStop = {"the", "a",  "an", "of", "to",
                                                           "and", "in", "is", "we"};
  return toy_testing::toy_tokens(text, kStop);
}

Token word(std::string w) {
  Token t;
  t.norm = w;
  t.stem = std::move(w);
  return t;
}

TEST(ToyTokens, SpansRoundTrip) {
  const std::string text = "For 30 years, Armenians exploited it.";
  for (const Token& t : toy_tokens(text)) {
    std::string lower;
    for (char c : slice(text, t.span))
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(lower, t.norm);
  }
}

TEST(ExactHash, SameNormsSameHashDifferentNormsDiffer) {
  const auto a = toy_tokens("No country in the world recognizes it.");
  const auto b = toy_tokens("NO   country in the world recognizes it!");  // case and punctuation differ only
  const auto c = toy_tokens("No country in the world recognises it.");
  EXPECT_EQ(exact_hash(a), exact_hash(b));
  EXPECT_NE(exact_hash(a), exact_hash(c));
  EXPECT_EQ(exact_hash(a), exact_hash(toy_tokens("No country in the world recognizes it.")));
}

TEST(ExactHash, TokenBoundariesMatter) {
  const std::vector<Token> ab_c = {word("ab"), word("c")};
  const std::vector<Token> a_bc = {word("a"), word("bc")};
  const std::vector<Token> abc = {word("abc")};
  EXPECT_NE(exact_hash(ab_c), exact_hash(a_bc));
  EXPECT_NE(exact_hash(ab_c), exact_hash(abc));
  EXPECT_NE(exact_hash(a_bc), exact_hash(abc));
  // Order matters too.
  EXPECT_NE(exact_hash(std::vector<Token>{word("x"), word("y")}),
            exact_hash(std::vector<Token>{word("y"), word("x")}));
}

TEST(ExactHash, StopWordsCountPunctuationDoesNot) {
  EXPECT_NE(exact_hash(toy_tokens("the war ended")), exact_hash(toy_tokens("war ended")));
  EXPECT_EQ(exact_hash(toy_tokens("war, ended")), exact_hash(toy_tokens("war ended")));
}

TEST(ExactHash, TypographyDoesNotMatterWithTheTokenizer) {
  const Tokenizer tok(Lang::en);
  const std::string a =
      "No country recognizes the so-called “Nagorno-Karabakh Republic” — it’s 100,000 people.";
  const std::string b =
      "No country recognizes the so-called \"Nagorno-Karabakh Republic\" - it's 100 000 people.";
  const std::string c =
      "No country recognizes the so-called \"Nagorno-Karabakh Republic\" - it's 10 000 people.";
  const auto ta = tok.tokenize(a), tb = tok.tokenize(b), tc = tok.tokenize(c);
  EXPECT_EQ(exact_hash(ta), exact_hash(tb));
  EXPECT_NE(exact_hash(ta), exact_hash(tc));  // a different number
  EXPECT_EQ(extract_features(ta), extract_features(tb));
  for (const Token& t : ta) EXPECT_LE(t.span.end, a.size());
}

TEST(Features, UnigramsAndBigramsOfContentTerms) {
  // Content terms: armenian, exploit, ancient, land, 30 (stop words and punctuation skipped).
  const auto toks = toy_tokens("For 30 years, the Armenians exploit the ancient lands.");
  std::vector<std::uint64_t> f;
  extract_features(toks, {}, f);
  // Terms: for, 30, year, armenian, exploit, ancient, land = 7 → 7 unigrams + 6 bigrams.
  ASSERT_EQ(f.size(), 13u);
  EXPECT_EQ(f[0], term_hash("for"));
  EXPECT_EQ(f[1], term_hash("30"));
  FeatureOptions uni;
  uni.bigrams = false;
  extract_features(toks, uni, f);
  EXPECT_EQ(f.size(), 7u);
  FeatureOptions bi;
  bi.unigrams = false;
  extract_features(toks, bi, f);
  EXPECT_EQ(f.size(), 6u);
  FeatureOptions tri;
  tri.unigrams = false;
  tri.bigrams = false;
  tri.shingle = 3;
  extract_features(toks, tri, f);
  EXPECT_EQ(f.size(), 5u);
  FeatureOptions with_stop;
  with_stop.bigrams = false;
  with_stop.stop_words = true;
  extract_features(toks, with_stop, f);
  EXPECT_EQ(f.size(), 9u);  // + the, the
}

TEST(Features, BigramsSkipStopWordsAndDependOnOrder) {
  FeatureOptions bi;
  bi.unigrams = false;
  const auto f1 = extract_features(toy_tokens("ancient land"), bi);
  const auto f2 = extract_features(toy_tokens("ancient and the land"), bi);
  const auto f3 = extract_features(toy_tokens("land ancient"), bi);
  ASSERT_EQ(f1.size(), 1u);
  EXPECT_EQ(f1, f2);
  EXPECT_NE(f1, f3);
  EXPECT_NE(f1[0], term_hash("ancient"));
}

TEST(Features, ReusesTheOutputBuffer) {
  const auto long_toks = toy_tokens("one two three four five six seven eight nine ten eleven twelve");
  const auto short_toks = toy_tokens("one two three");
  std::vector<std::uint64_t> f;
  extract_features(long_toks, {}, f);
  const auto* data = f.data();
  const auto cap = f.capacity();
  extract_features(short_toks, {}, f);
  EXPECT_EQ(f.data(), data);
  EXPECT_EQ(f.capacity(), cap);
  EXPECT_EQ(f.size(), 5u);
}

// Two random feature sets with |A ∩ B| = shared and |A ∪ B| = shared + 2·own.
void make_sets(std::mt19937_64& rng, std::size_t shared, std::size_t own, std::vector<std::uint64_t>& a,
               std::vector<std::uint64_t>& b) {
  a.clear();
  b.clear();
  for (std::size_t i = 0; i < shared; ++i) {
    const auto x = rng();
    a.push_back(x);
    b.push_back(x);
  }
  for (std::size_t i = 0; i < own; ++i) a.push_back(rng());
  for (std::size_t i = 0; i < own; ++i) b.push_back(rng());
}

TEST(MinHash, EstimatesJaccardWithinItsStandardError) {
  std::mt19937_64 rng(12345);
  const MinHasher hasher;  // K = 128
  MinHashSignature sa, sb;
  std::vector<std::uint64_t> a, b;
  struct Case {
    std::size_t shared, own;
  };
  // J = 0.0, 0.2, 1/3, 0.5, 0.8, 1.0 on sets of statement size (tens of features).
  for (const Case c : {Case{0, 20}, Case{10, 20}, Case{20, 20}, Case{30, 15}, Case{40, 5}, Case{25, 0}}) {
    const double j = static_cast<double>(c.shared) / static_cast<double>(c.shared + 2 * c.own);
    const double sigma = std::sqrt(j * (1 - j) / 128.0);
    constexpr int kTrials = 400;
    double sum = 0, sum_sq = 0;
    int outside = 0;
    for (int t = 0; t < kTrials; ++t) {
      make_sets(rng, c.shared, c.own, a, b);
      hasher.sign(a, sa);
      hasher.sign(b, sb);
      const double e = estimate_jaccard(sa, sb);
      sum += e;
      sum_sq += (e - j) * (e - j);
      if (std::abs(e - j) > 4 * sigma + 1e-9) ++outside;
    }
    const double mean = sum / kTrials;
    const double var = sum_sq / kTrials;
    EXPECT_NEAR(mean, j, 0.01) << "biased at J=" << j;
    EXPECT_LE(outside, 2) << "J=" << j;
    if (j > 0 && j < 1) {
      // Slots must agree independently: the spread is the binomial one, not wider.
      EXPECT_GT(var, 0.6 * sigma * sigma) << "J=" << j;
      EXPECT_LT(var, 1.4 * sigma * sigma) << "J=" << j;
    } else {
      EXPECT_EQ(var, 0.0) << "J=" << j;
    }
  }
}

// LSH bands of adjacent slots need the slots of ONE pair to agree independently, which sets of
// statement size (above) do not show: with plain double hashing h1 + i*h2, the order of two
// features follows an arithmetic progression across the slots, and for small sets whole runs
// of bands fail together. {x} against {x, y} (J = 0.5) in 42 bands of 2 rows: independent slots
// miss a pair with probability 0.75^42 = 6e-6; plain double hashing missed 0.7%.
TEST(MinHash, SlotsOfSmallSetsAgreeIndependentlyInBands) {
  std::mt19937_64 rng(99);
  const MinHasher hasher;
  MinHashSignature sa, sb;
  constexpr int kTrials = 20000;
  int missed_half = 0, missed_third = 0;
  for (int t = 0; t < kTrials; ++t) {
    const std::uint64_t x = rng(), y = rng(), z = rng();
    auto missed = [&](std::vector<std::uint64_t> a, std::vector<std::uint64_t> b) {
      hasher.sign(a, sa);
      hasher.sign(b, sb);
      for (std::size_t q = 0; q < 84; q += 2) {
        if (sa.values[q] == sb.values[q] && sa.values[q + 1] == sb.values[q + 1]) return false;
      }
      return true;
    };
    missed_half += missed({x}, {x, y});
    missed_third += missed({x, z}, {x, y});  // J = 1/3: (8/9)^42 = 0.71% expected
  }
  EXPECT_LE(missed_half, 2);                                                // plain double hashing: ~140
  EXPECT_NEAR(static_cast<double>(missed_third) / kTrials, 0.0071, 0.003);  // plain: 3.5%
}

TEST(MinHash, OtherKAndSeeds) {
  std::mt19937_64 rng(7);
  std::vector<std::uint64_t> a, b;
  make_sets(rng, 30, 10, a, b);  // J = 0.6
  const MinHasher h64(64), h7(7), other_seed(128, 99);
  MinHashSignature s1, s2;
  h64.sign(a, s1);
  h64.sign(b, s2);
  EXPECT_EQ(s1.size(), 64u);
  EXPECT_NEAR(estimate_jaccard(s1, s2), 0.6, 4 * std::sqrt(0.24 / 64));
  h7.sign(a, s1);  // K not a multiple of 4: the scalar tail
  h7.sign(a, s2);
  EXPECT_EQ(s1.size(), 7u);
  EXPECT_EQ(estimate_jaccard(s1, s2), 1.0);
  MinHashSignature d1, d2;
  const MinHasher def;
  def.sign(a, d1);
  other_seed.sign(a, d2);
  EXPECT_NE(d1.values, d2.values);
  EXPECT_EQ(estimate_jaccard(s1, d1), 0.0);  // K differs: not comparable
  EXPECT_THROW(MinHasher(0), UsageError);
}

TEST(MinHash, SignatureIsAPureFunctionOfTheFeatureSet) {
  std::mt19937_64 rng(3);
  std::vector<std::uint64_t> a, b;
  make_sets(rng, 12, 0, a, b);
  std::vector<std::uint64_t> shuffled = a;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  shuffled.push_back(a[0]);  // repeats do not change a set
  const MinHasher h;
  MinHashSignature s1, s2;
  h.sign(a, s1);
  h.sign(shuffled, s2);
  EXPECT_EQ(s1.values, s2.values);
  // Every slot comes from some feature: with one feature all slots are its values.
  h.sign(std::vector<std::uint64_t>{a[0]}, s1);
  EXPECT_FALSE(is_empty_signature(s1.view()));
}

TEST(MinHash, EmptyStatementsShareNothing) {
  const MinHasher h;
  MinHashSignature e1, e2, full;
  h.sign(std::vector<std::uint64_t>{}, e1);
  h.sign(std::vector<std::uint64_t>{}, e2);
  h.sign(std::vector<std::uint64_t>{1, 2, 3}, full);
  EXPECT_TRUE(is_empty_signature(e1.view()));
  EXPECT_EQ(estimate_jaccard(e1, e2), 0.0);
  EXPECT_EQ(estimate_jaccard(e1, full), 0.0);
  EXPECT_EQ(estimate_jaccard(full, full), 1.0);
}

TEST(MinHash, FingerprinterSignsTokens) {
  Fingerprinter fp;
  MinHashSignature s1, s2, s3;
  const auto a = toy_tokens("For 30 years now, Armenians have been exploiting our ancient land.");
  const auto b = toy_tokens("for 30 YEARS now Armenians have been exploiting our ancient land");
  const auto c = toy_tokens("The weather in Baku was sunny and warm on Tuesday afternoon.");
  const Fingerprint fa = fp.fingerprint(a, s1);
  const Fingerprint fb = fp.fingerprint(b, s2);
  const Fingerprint fc = fp.fingerprint(c, s3);
  EXPECT_EQ(fa.exact, fb.exact);
  EXPECT_EQ(fa.simhash, fb.simhash);
  EXPECT_EQ(s1.values, s2.values);
  EXPECT_EQ(fa.features, 21u);  // 11 terms (no stop words among them): 11 unigrams + 10 bigrams
  EXPECT_LT(estimate_jaccard(s1, s3), 0.1);
  EXPECT_NE(fa.exact, fc.exact);
  EXPECT_EQ(fa.exact, exact_hash(a));
  EXPECT_EQ(fp.k(), 128u);
}

TEST(SimHash, NearDuplicatesAreCloseUnrelatedAreFar) {
  Fingerprinter fp;
  MinHashSignature sig;
  const auto base = toy_tokens(
      "What I am demanding is absolutely in line with international law, because the whole world recognizes "
      "territorial integrity of Azerbaijan, and no country in the world recognizes the so-called republic.");
  const auto near = toy_tokens(
      "What I am demanding is completely in line with international law, because the whole world recognizes "
      "territorial integrity of Azerbaijan, and no country in the world recognizes the so-called republic.");
  const auto far = toy_tokens(
      "Our army liberated the cities one after another while the occupiers fled, leaving mined fields, "
      "destroyed villages and burned forests behind them in the mountains.");
  const auto h_base = fp.fingerprint(base, sig).simhash;
  const auto h_near = fp.fingerprint(near, sig).simhash;
  const auto h_far = fp.fingerprint(far, sig).simhash;
  EXPECT_LE(hamming(h_base, h_near), 16);
  EXPECT_GE(hamming(h_base, h_far), 20);
  EXPECT_EQ(hamming(h_base, h_base), 0);
  EXPECT_EQ(simhash(std::vector<std::uint64_t>{}), 0u);
}

TEST(SimHash, MajorityVotePerBit) {
  // Three features: bit j is set when at least two of them have it.
  const std::vector<std::uint64_t> f = {0b1100, 0b1010, 0b1001};
  EXPECT_EQ(simhash(f), 0b1000u);
  // More than 255 features exercise the packed counters' flush.
  std::vector<std::uint64_t> many(600, ~0ULL);
  many.resize(1000, 0);  // 600 of 1000 have every bit
  EXPECT_EQ(simhash(many), ~0ULL);
  many.resize(1300, 0);  // 600 of 1300: none
  EXPECT_EQ(simhash(many), 0u);
}

TEST(Hex, SixteenLowerCaseDigits) {
  EXPECT_EQ(to_hex(0), "0000000000000000");
  EXPECT_EQ(to_hex(0xDEADBEEF0123ABCDULL), "deadbeef0123abcd");
}

}  // namespace
}  // namespace quotekit
