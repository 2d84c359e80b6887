// Where neardup's work goes on a corpus: its LSH candidate pairs and the verified ones, by the
// content terms of the pair's shorter side, the spread of verified pairs per statement, and the
// statements with the most. Run it on grown corpora of two sizes to see which pairs grow faster
// than the corpus (bench/README.md, "Scale").
//   build/bench/neardup_pairs_eval CORPUS.jsonl [SPLIT_ABOVE SPLIT_ROWS]
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "quotekit/analyze.hpp"
#include "quotekit/corpus.hpp"
#include "quotekit/neardup.hpp"

namespace {

using namespace quotekit;

constexpr std::array<std::uint32_t, 6> kUpTo{2, 3, 5, 8, 12, 0xFFFFFFFFU};
constexpr std::array<const char*, 6> kLabel{"≤ 2", "3", "4-5", "6-8", "9-12", "13+"};

std::size_t length_class(std::uint32_t terms) {
  std::size_t k = 0;
  while (terms > kUpTo[k]) ++k;
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    fmt::print(stderr, "usage: {} CORPUS.jsonl [SPLIT_ABOVE SPLIT_ROWS]\n", argv[0]);
    return 2;
  }
  AnalyzeOptions aopt;
  aopt.term_index = false;
  if (argc == 4) {
    aopt.lsh.split_above = static_cast<std::uint32_t>(std::stoul(argv[2]));
    aopt.lsh.split_rows = static_cast<std::uint32_t>(std::stoul(argv[3]));
  }
  const AnalyzedCorpus corpus(load_documents({argv[1]}, DecodeOptions{}), aopt);
  const auto n = static_cast<std::uint32_t>(corpus.size());
  const NeardupOptions nopt;
  std::vector<std::uint32_t> terms(n);
  std::vector<std::uint8_t> takes_part(n);  // the unit of this representative has an eligible member
  for (std::uint32_t i = 0; i < n; ++i) {
    const ClusterStatement s = cluster_statement(corpus, i);
    terms[i] = s.content_terms;
    if (cluster_eligible(s, nopt.cluster)) takes_part[corpus.lsh_representative(i)] = 1;
  }
  ScoreOptions sopt = corpus.scorer().options();
  sopt.min_shared_terms = nopt.min_shared_terms;
  const Scorer scorer(corpus.idf(), sopt);
  const float threshold = nopt.cluster.threshold;
  constexpr unsigned kThreads = 2;
  struct Counts {
    std::array<std::uint64_t, 6> candidates{}, verified{};
    std::vector<std::uint32_t> degree;
  };
  std::vector<Counts> local(kThreads);
  for (Counts& c : local) c.degree.assign(n, 0);
  corpus.lsh()->for_each_candidate_pair(
      [&](unsigned t, std::uint32_t a, std::uint32_t b) {
        if (!takes_part[a] || !takes_part[b]) return;
        Counts& c = local[t];
        const std::size_t k = length_class(std::min(terms[a], terms[b]));
        ++c.candidates[k];
        if (scorer.score(corpus.features(a), corpus.features(b), threshold).total >= threshold) {
          ++c.verified[k];
          ++c.degree[a];
          ++c.degree[b];
        }
      },
      kThreads);

  fmt::print("{}: {} statements, {} in the LSH index (LSH {} bands × {} rows, split above {} by {} slots)\n",
             argv[1], n, corpus.lsh()->size(), corpus.lsh()->params().bands, corpus.lsh()->params().rows,
             aopt.lsh.split_above, aopt.lsh.split_rows);
  fmt::print("  shorter side's content terms   candidate pairs   verified pairs\n");
  for (std::size_t k = 0; k < kLabel.size(); ++k) {
    std::uint64_t cand = 0, ver = 0;
    for (const Counts& c : local) {
      cand += c.candidates[k];
      ver += c.verified[k];
    }
    fmt::print("  {:>29}   {:>15}   {:>14}\n", kLabel[k], cand, ver);
  }
  std::vector<std::uint32_t> degree(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (const Counts& c : local) degree[i] += c.degree[i];
  }
  std::vector<std::uint32_t> by_degree(n);
  for (std::uint32_t i = 0; i < n; ++i) by_degree[i] = i;
  std::sort(by_degree.begin(), by_degree.end(), [&](std::uint32_t x, std::uint32_t y) {
    return degree[x] != degree[y] ? degree[x] > degree[y] : x < y;
  });
  auto at = [&](double q) { return degree[by_degree[static_cast<std::size_t>((1.0 - q) * (n - 1))]]; };
  fmt::print("verified pairs per indexed statement: median {}, 90% {}, 99% {}, 99.9% {}, most {}\n", at(0.5),
             at(0.9), at(0.99), at(0.999), n ? degree[by_degree[0]] : 0);
  for (std::size_t i = 0; i < std::min<std::size_t>(8, n); ++i) {
    const std::uint32_t s = by_degree[i];
    fmt::print("  {:>6}  {}\n", degree[s], corpus.text(s).substr(0, 120));
  }
  return 0;
}
