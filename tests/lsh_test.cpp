#include "quotekit/lsh.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <utility>
#include <vector>

namespace quotekit {
namespace {

TEST(LshParams, BandChoiceForSeveralThresholds) {
  // Expected values computed independently (Python, 400-step integration of the same cost with
  // false negatives weighted 0.9), not copied from this implementation.
  EXPECT_EQ(choose_lsh_params(0.5, 128), (LshParams{32, 4}));
  EXPECT_EQ(choose_lsh_params(0.2, 128), (LshParams{43, 2}));
  EXPECT_EQ(choose_lsh_params(0.3, 128), (LshParams{42, 3}));
  EXPECT_EQ(choose_lsh_params(0.7, 128), (LshParams{21, 6}));
  EXPECT_EQ(choose_lsh_params(0.8, 128), (LshParams{16, 8}));
  EXPECT_EQ(choose_lsh_params(0.5, 64), (LshParams{21, 3}));
  // With equal weights the curve moves right (fewer false positives, more misses).
  EXPECT_EQ(choose_lsh_params(0.5, 128, 0.5), (LshParams{25, 5}));
  for (double t : {0.2, 0.4, 0.6, 0.9}) {
    for (std::size_t k : {std::size_t{64}, std::size_t{128}, std::size_t{256}}) {
      const LshParams p = choose_lsh_params(t, k);
      EXPECT_LE(static_cast<std::size_t>(p.bands) * p.rows, k);
      // Recall is favoured: a pair just above the threshold is found more often than not, a pair
      // far below it rarely is.
      EXPECT_GT(lsh_probability(std::min(1.0, t + 0.1), p), 0.5) << "t=" << t << " K=" << k;
      EXPECT_LT(lsh_probability(t / 3, p), 0.5) << "t=" << t << " K=" << k;
    }
  }
  // Higher thresholds need more rows per band.
  EXPECT_LT(choose_lsh_params(0.3).rows, choose_lsh_params(0.6).rows);
  EXPECT_LT(choose_lsh_params(0.6).rows, choose_lsh_params(0.9).rows);
  EXPECT_THROW(choose_lsh_params(0.0), UsageError);
  EXPECT_THROW(choose_lsh_params(1.0), UsageError);
  EXPECT_THROW(choose_lsh_params(0.5, 0), UsageError);
  EXPECT_THROW(choose_lsh_params(0.5, 128, 1.0), UsageError);
}

TEST(LshParams, SCurve) {
  const LshParams p{32, 4};
  EXPECT_NEAR(lsh_probability(0.5, p), 1 - std::pow(1 - 0.0625, 32), 1e-12);
  EXPECT_EQ(lsh_probability(0.0, p), 0.0);
  EXPECT_EQ(lsh_probability(1.0, p), 1.0);
}

// Feature sets in pairs with a known Jaccard similarity (union of 60 features), plus noise.
struct Synthetic {
  std::vector<MinHashSignature> sigs;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // ids of the planted pairs
};

Synthetic plant(std::mt19937_64& rng, std::size_t n_pairs, std::size_t min_own, std::size_t max_own,
                std::size_t noise) {
  const MinHasher hasher;
  Synthetic s;
  std::uniform_int_distribution<std::size_t> own_dist(min_own, max_own);
  auto add = [&](const std::vector<std::uint64_t>& f) {
    s.sigs.emplace_back();
    hasher.sign(f, s.sigs.back());
    return static_cast<std::uint32_t>(s.sigs.size() - 1);
  };
  std::vector<std::uint64_t> a, b;
  for (std::size_t i = 0; i < n_pairs; ++i) {
    const std::size_t own = own_dist(rng);  // J = (60 - 2·own) / 60
    a.clear();
    b.clear();
    for (std::size_t j = 0; j < 60 - 2 * own; ++j) {
      const auto x = rng();
      a.push_back(x);
      b.push_back(x);
    }
    for (std::size_t j = 0; j < own; ++j) a.push_back(rng());
    for (std::size_t j = 0; j < own; ++j) b.push_back(rng());
    const auto ia = add(a);
    const auto ib = add(b);
    s.pairs.emplace_back(ia, ib);
  }
  for (std::size_t i = 0; i < noise; ++i) {
    a.clear();
    for (std::size_t j = 0; j < 30; ++j) a.push_back(rng());
    add(a);
  }
  return s;
}

TEST(LshIndex, RecallAboveThresholdIsAtLeast98Percent) {
  std::mt19937_64 rng(2024);
  // J uniform over (0.5, 1]: own in [0, 14] gives J in {0.533, ..., 1.0}.
  const Synthetic s = plant(rng, 1000, 0, 14, 3000);
  LshIndex index = LshIndex::for_threshold(0.5);
  EXPECT_EQ(index.params(), (LshParams{32, 4}));
  index.reserve(s.sigs.size());
  for (std::uint32_t id = 0; id < s.sigs.size(); ++id) EXPECT_TRUE(index.insert(id, s.sigs[id]));
  index.build();
  LshStats stats;
  const auto pairs = index.all_candidate_pairs(&stats);
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
  EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
  std::size_t found = 0, found_by_query = 0;
  for (const auto& [a, b] : s.pairs) {
    found += std::binary_search(pairs.begin(), pairs.end(), CandidatePair{a, b});
    const auto cands = index.candidates(s.sigs[a]);
    found_by_query += std::binary_search(cands.begin(), cands.end(), b);
    EXPECT_TRUE(std::binary_search(cands.begin(), cands.end(), a));  // itself
  }
  EXPECT_GE(found, 980u);
  EXPECT_EQ(found, found_by_query);
  EXPECT_EQ(stats.skipped_buckets, 0u);
  // Sub-quadratic: the unrelated noise hardly produces pairs (C(5000, 2) ≈ 12.5M possible).
  EXPECT_LT(pairs.size(), 1200u);
}

TEST(LshIndex, PairsFarBelowThresholdAreRarelyCandidates) {
  std::mt19937_64 rng(99);
  const Synthetic s = plant(rng, 1000, 24, 24, 0);  // J = 12/60 = 0.2: P = 0.05
  LshIndex index = LshIndex::for_threshold(0.5);
  for (std::uint32_t id = 0; id < s.sigs.size(); ++id) index.insert(id, s.sigs[id]);
  index.build();
  const auto pairs = index.all_candidate_pairs();
  std::size_t found = 0;
  for (const auto& [a, b] : s.pairs)
    found += std::binary_search(pairs.begin(), pairs.end(), CandidatePair{a, b});
  EXPECT_LT(found, 100u);
}

TEST(LshIndex, OverFullBucketsAreSkippedAndCounted) {
  const MinHasher hasher;
  MinHashSignature boiler, other;
  hasher.sign(std::vector<std::uint64_t>{term_hash("thank"), term_hash("much")}, boiler);
  LshOptions opt;
  opt.bucket_cap = 100;
  LshIndex index(LshParams{32, 4}, 128, opt);
  for (std::uint32_t id = 0; id < 150; ++id) index.insert(id, boiler);
  std::mt19937_64 rng(5);
  std::vector<std::uint64_t> f;
  for (std::uint32_t id = 150; id < 160; ++id) {
    f.clear();
    for (int j = 0; j < 20; ++j) f.push_back(rng());
    hasher.sign(f, other);
    index.insert(id, other);
    index.insert(id + 1000, other);  // one identical twin each
  }
  index.build();
  LshStats stats;
  const auto pairs = index.all_candidate_pairs(&stats);
  EXPECT_EQ(stats.skipped_buckets, 32u);  // the boilerplate bucket in every band
  EXPECT_EQ(stats.skipped_entries, 32u * 150u);
  EXPECT_EQ(pairs.size(), 10u);  // only the twins
  for (const auto& p : pairs) EXPECT_EQ(p.b, p.a + 1000);
  const auto cands = index.candidates(boiler, &stats);
  EXPECT_TRUE(cands.empty());
  EXPECT_EQ(stats.skipped_buckets, 32u);
  // Without a cap every boilerplate pair comes out: C(150, 2) + 10.
  opt.bucket_cap = 0;
  LshIndex uncapped(LshParams{32, 4}, 128, opt);
  for (std::uint32_t id = 0; id < 150; ++id) uncapped.insert(id, boiler);
  uncapped.build();
  EXPECT_EQ(uncapped.all_candidate_pairs().size(), 150u * 149u / 2u);
}

TEST(LshIndex, IncrementalBuildEqualsOneShot) {
  std::mt19937_64 rng(11);
  const Synthetic s = plant(rng, 200, 0, 20, 200);
  LshIndex once(LshParams{32, 4});
  LshIndex twice(LshParams{32, 4});
  const auto n = static_cast<std::uint32_t>(s.sigs.size());
  for (std::uint32_t id = 0; id < n; ++id) once.insert(id, s.sigs[id]);
  once.build();
  for (std::uint32_t id = n / 2; id < n; ++id) twice.insert(id, s.sigs[id]);
  twice.build();
  for (std::uint32_t id = 0; id < n / 2; ++id) twice.insert(id, s.sigs[id]);
  EXPECT_FALSE(twice.built());
  EXPECT_THROW(twice.all_candidate_pairs(), Error);
  twice.build();
  EXPECT_EQ(once.all_candidate_pairs(), twice.all_candidate_pairs());
  EXPECT_EQ(once.size(), n);
  EXPECT_GE(once.memory_bytes(), std::size_t{n} * 32 * 8);
}

TEST(LshIndex, RejectsEmptyAndMisSizedSignatures) {
  const MinHasher hasher, small(64);
  MinHashSignature empty, wrong;
  hasher.sign(std::vector<std::uint64_t>{}, empty);
  small.sign(std::vector<std::uint64_t>{1, 2, 3}, wrong);
  LshIndex index(LshParams{32, 4});
  EXPECT_FALSE(index.insert(1, empty));
  EXPECT_EQ(index.size(), 0u);
  EXPECT_THROW(index.insert(2, wrong), UsageError);
  index.build();
  EXPECT_TRUE(index.candidates(empty).empty());
  EXPECT_THROW(LshIndex(LshParams{33, 4}, 128), UsageError);
  EXPECT_THROW(LshIndex(LshParams{0, 4}, 128), UsageError);
}

TEST(LshIndex, BandKeysAreStableAndBandSpecific) {
  std::vector<std::uint32_t> sig(128, 7);
  const LshParams p{32, 4};
  EXPECT_NE(band_key(sig, p, 0), band_key(sig, p, 1));  // same rows, different bands
  EXPECT_EQ(band_key(sig, p, 3), band_key(sig, p, 3));
  sig[13] = 8;  // band 3 covers slots 12..15
  EXPECT_NE(band_key(sig, p, 3), band_key(std::vector<std::uint32_t>(128, 7), p, 3));
  EXPECT_EQ(band_key(sig, p, 2), band_key(std::vector<std::uint32_t>(128, 7), p, 2));
}

}  // namespace
}  // namespace quotekit
