#include "quotekit/lsh.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "huge_pages.hpp"

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

// Signatures whose band 0 is the same for all `crowd` statements (as when every statement's
// minimum in those slots falls on the corpus's commonest words), random elsewhere, plus
// `twins` exact copies of the first ones (ids 1000 + i).
std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> crowded_band(std::mt19937_64& rng,
                                                                               std::uint32_t crowd,
                                                                               std::uint32_t twins) {
  std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>> out;
  for (std::uint32_t id = 0; id < crowd; ++id) {
    std::vector<std::uint32_t> sig(128);
    for (auto& slot : sig) slot = static_cast<std::uint32_t>(rng());
    for (std::size_t i = 0; i < 4; ++i) sig[i] = 1000 + static_cast<std::uint32_t>(i);
    out.emplace_back(id, std::move(sig));
  }
  for (std::uint32_t i = 0; i < twins; ++i) out.emplace_back(1000 + i, out[i].second);
  return out;
}

// The partners of every id, from the pairs.
std::vector<std::set<std::uint32_t>> partners(const std::vector<CandidatePair>& pairs, std::size_t ids) {
  std::vector<std::set<std::uint32_t>> out(ids);
  for (const auto& [a, b] : pairs) {
    out[a].insert(b);
    out[b].insert(a);
  }
  return out;
}

TEST(LshIndex, CrowdedBucketsAreSplitInsteadOfSkipped) {
  std::mt19937_64 rng(31);
  const auto sigs = crowded_band(rng, 400, 10);
  LshOptions opt;
  opt.bucket_cap = 100;
  LshIndex capped(LshParams{32, 4}, 128, opt);
  opt.split_above = 32;
  opt.split_rows = 2;
  LshIndex split(LshParams{32, 4}, 128, opt);
  for (const auto& [id, sig] : sigs) {
    capped.insert(id, sig);
    split.insert(id, sig);
  }
  capped.build();
  split.build();

  // Fixed b × r: the band-0 bucket of 410 is over the cap and skipped; the twins still meet in
  // the other bands, and nothing else does.
  LshStats stats;
  const auto capped_pairs = capped.all_candidate_pairs(&stats);
  EXPECT_EQ(stats.skipped_buckets, 1u);
  EXPECT_EQ(stats.skipped_entries, 410u);
  EXPECT_EQ(capped_pairs.size(), 10u);

  // Split: the bucket is divided by the next slot's byte (about 410 / 256 per part), nothing is
  // skipped, the twins are found, and the other pairs are the few that share that byte: far
  // fewer than the C(410, 2) = 83,845 of the whole bucket.
  const auto pairs = split.all_candidate_pairs(&stats);
  EXPECT_EQ(stats.skipped_buckets, 0u);
  EXPECT_EQ(stats.split_buckets, 1u);
  for (std::uint32_t i = 0; i < 10; ++i)
    EXPECT_TRUE(std::binary_search(pairs.begin(), pairs.end(), CandidatePair{i, 1000 + i})) << i;
  EXPECT_GT(pairs.size(), 10u);
  EXPECT_LT(pairs.size(), 2000u);

  // Queries walk the same splits: each statement's candidates are exactly its partners and itself.
  const auto by_pair = partners(pairs, 1010);
  for (const auto& [id, sig] : sigs) {
    std::set<std::uint32_t> expected = by_pair[id];
    expected.insert(id);
    const auto cands = split.candidates(sig);
    EXPECT_EQ(std::set<std::uint32_t>(cands.begin(), cands.end()), expected) << id;
  }

  // Streaming over two threads gives the same pairs, each once.
  std::vector<std::vector<CandidatePair>> seen(2);
  split.for_each_candidate_pair(
      [&](unsigned t, std::uint32_t a, std::uint32_t b) {
        seen[t].push_back({a, b});
      },
      2, &stats);
  std::vector<CandidatePair> streamed = seen[0];
  streamed.insert(streamed.end(), seen[1].begin(), seen[1].end());
  std::sort(streamed.begin(), streamed.end());
  EXPECT_EQ(streamed, pairs);
  EXPECT_EQ(stats.split_buckets, 1u);
}

TEST(LshIndex, SplitsDeepenUntilPartsAreSmallAndStayIncremental) {
  // One slot's byte cannot divide 5000 statements into parts of at most 8 (about 20 each), so a
  // second slot does; with split_rows = 1 the parts of about 20 stay whole.
  std::mt19937_64 rng(32);
  const auto sigs = crowded_band(rng, 5000, 0);
  LshOptions opt;
  opt.bucket_cap = 0;
  opt.split_above = 8;
  opt.split_rows = 1;
  LshIndex shallow(LshParams{32, 4}, 128, opt);
  opt.split_rows = 2;
  LshIndex deep(LshParams{32, 4}, 128, opt), twice(LshParams{32, 4}, 128, opt);
  for (const auto& [id, sig] : sigs) {
    shallow.insert(id, sig);
    deep.insert(id, sig);
    if (id % 2 == 0) twice.insert(id, sig);
  }
  shallow.build();
  deep.build();
  twice.build();
  for (const auto& [id, sig] : sigs) {
    if (id % 2 == 1) twice.insert(id, sig);
  }
  twice.build();
  LshStats st_shallow, st_deep;
  const auto p_shallow = shallow.all_candidate_pairs(&st_shallow);
  const auto p_deep = deep.all_candidate_pairs(&st_deep);
  EXPECT_EQ(st_shallow.split_buckets, 1u);
  EXPECT_GT(st_deep.split_buckets, 200u);  // most first-level parts hold more than 8
  // About C(5000, 2) / 256 ≈ 48.8k pairs after one slot, / 256 again after two.
  EXPECT_GT(p_shallow.size(), 40000u);
  EXPECT_LT(p_shallow.size(), 60000u);
  EXPECT_LT(p_deep.size(), 1000u);
  EXPECT_TRUE(std::includes(p_shallow.begin(), p_shallow.end(), p_deep.begin(), p_deep.end()));
  EXPECT_EQ(twice.all_candidate_pairs(), p_deep);  // the same splits after a second build()
}

TEST(LshIndex, BuildOnSeveralThreadsGivesWhatOneThreadGives) {
  // Bands are sorted and split on several threads; the buckets, their splits, what is skipped
  // and every query must not depend on how many, nor on reserve() or a second build().
  std::mt19937_64 rng(33);
  auto sigs = crowded_band(rng, 900, 20);  // ids 0..899 and twins 1000..1019
  LshOptions opt;
  opt.bucket_cap = 6;  // some parts of about 920 / 256 stay over it and are skipped
  opt.split_above = 8;
  opt.split_rows = 1;
  LshIndex one(LshParams{32, 4}, 128, opt), three(LshParams{32, 4}, 128, opt),
      twice(LshParams{32, 4}, 128, opt);
  three.reserve(sigs.size());
  for (const auto& [id, sig] : sigs) {
    one.insert(id, sig);
    three.insert(id, sig);
    if (id % 3 != 0) twice.insert(id, sig);
  }
  one.build(1);
  three.build(3);
  twice.build(2);
  for (const auto& [id, sig] : sigs) {
    if (id % 3 == 0) twice.insert(id, sig);
  }
  twice.build(4);
  LshStats s1, s3, s2;
  const auto p1 = one.all_candidate_pairs(&s1);
  EXPECT_GT(s1.split_buckets, 0u);
  EXPECT_GT(s1.skipped_buckets, 0u);
  for (const LshIndex* other : {&three, &twice}) {
    LshStats& st = other == &three ? s3 : s2;
    EXPECT_EQ(other->all_candidate_pairs(&st), p1);
    EXPECT_EQ(st.split_buckets, s1.split_buckets);
    EXPECT_EQ(st.skipped_buckets, s1.skipped_buckets);
    EXPECT_EQ(st.skipped_entries, s1.skipped_entries);
  }
  for (std::size_t i = 0; i < sigs.size(); i += 97) {
    EXPECT_EQ(three.candidates(sigs[i].second), one.candidates(sigs[i].second)) << i;
    EXPECT_EQ(twice.candidates(sigs[i].second), one.candidates(sigs[i].second)) << i;
  }
  // Streaming on three threads (bands taken one at a time) reports the same pairs, each once.
  std::vector<std::vector<CandidatePair>> seen(3);
  three.for_each_candidate_pair(
      [&](unsigned t, std::uint32_t a, std::uint32_t b) {
        seen[t].push_back({a, b});
      },
      3);
  std::vector<CandidatePair> streamed;
  for (const auto& v : seen) streamed.insert(streamed.end(), v.begin(), v.end());
  std::sort(streamed.begin(), streamed.end());
  EXPECT_EQ(streamed, p1);
}

TEST(HugePages, ReserveKeepsContentsAndMakesRoom) {
  // Advice only: the vector must behave exactly as after reserve(), small or large, and the
  // advice must accept any range (unaligned, tiny, empty).
  std::vector<std::uint32_t> small{1, 2, 3};
  detail::reserve_huge(small, 10);
  EXPECT_EQ(small, (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_GE(small.capacity(), 10u);
  std::vector<std::uint64_t> large(1000, 7);
  const std::size_t n = (std::size_t{16} << 20) / sizeof(std::uint64_t);
  detail::reserve_huge(large, n);
  EXPECT_GE(large.capacity(), n);
  ASSERT_EQ(large.size(), 1000u);
  EXPECT_EQ(large.front() + large.back(), 14u);
  const auto* before = large.data();
  large.resize(n, 1);  // within the reserved room: no reallocation
  EXPECT_EQ(large.data(), before);
  std::uint64_t sum = 0;
  for (const auto x : large) sum += x;
  EXPECT_EQ(sum, 7u * 1000u + (n - 1000));
  detail::advise_huge_pages(nullptr, 0);
  detail::advise_huge_pages(reinterpret_cast<const char*>(large.data()) + 3, 100);
}

TEST(LshIndex, EstimatesSimilarityFromOneBytePerSlot) {
  std::mt19937_64 rng(41);
  const Synthetic s = plant(rng, 300, 0, 30, 100);  // J from 1.0 down to 0
  LshIndex index(LshParams{32, 4});
  for (std::uint32_t id = 0; id < s.sigs.size(); ++id) index.insert(id, s.sigs[id]);
  index.build();
  double error = 0;
  for (const auto& [a, b] : s.pairs) {
    const double j = estimate_jaccard(s.sigs[a].view(), s.sigs[b].view());  // all 32 bits of every slot
    const double e = index.estimate_similarity(a, b);
    EXPECT_NEAR(e, j, 0.06) << a;  // a few chance byte agreements at most
    error += std::abs(e - j);
  }
  EXPECT_LT(error / static_cast<double>(s.pairs.size()), 0.01);
  EXPECT_DOUBLE_EQ(index.estimate_similarity(0, 0), 1.0);
  // Unrelated noise statements: about zero.
  const auto noise = static_cast<std::uint32_t>(2 * s.pairs.size());
  EXPECT_LT(index.estimate_similarity(noise, noise + 1), 0.05);
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
  // An id once only (twice would report its pairs twice); an empty signature added nothing, so
  // the id is still free.
  MinHashSignature real;
  hasher.sign(std::vector<std::uint64_t>{4, 5, 6}, real);
  EXPECT_TRUE(index.insert(1, real));
  EXPECT_THROW(index.insert(1, real), UsageError);
  EXPECT_EQ(index.size(), 1u);
  index.build();
  EXPECT_THROW(index.insert(1, real), UsageError);  // after build() too
  EXPECT_TRUE(index.insert(3, real));
  index.build();
  EXPECT_EQ(index.all_candidate_pairs(), (std::vector<CandidatePair>{{1, 3}}));
  EXPECT_TRUE(index.candidates(empty).empty());
  EXPECT_THROW(LshIndex(LshParams{33, 4}, 128), UsageError);
  EXPECT_THROW(LshIndex(LshParams{0, 4}, 128), UsageError);
  LshOptions split;
  split.split_above = 32;
  split.split_rows = 124;  // 4 rows + 124 more slots: all 128
  EXPECT_NO_THROW(LshIndex(LshParams{32, 4}, 128, split));
  split.split_rows = 125;  // would come back to the band's own rows
  EXPECT_THROW(LshIndex(LshParams{32, 4}, 128, split), UsageError);
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
