// Alignment + diff of two long renderings: a document of N real English news sentences (WMT
// newstest and NTREX, ~24k distinct) against a deterministically perturbed copy of itself
// (5% of sentences dropped, 2% new ones added, and per word 3% dropped, 3% substituted, 2%
// swapped with the next), at N = 5k, 10k and 20k statements per side: how the time grows when
// both sides double. Peak memory (RSS) is reported per run.
//
//   build/bench/drift_bench --benchmark_counters_tabular=true
//
// BM_DriftStatements: drift_statements() over the sentences as given (tokenize, IDF, features,
// align, diff every pair, summary). BM_DriftDocuments: drift_documents(), segmentation included.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench_util.hpp"
#include "quotekit/compare.hpp"

namespace {

using namespace quotekit;

// Distinct English news sentences, one a line: ~24k from WMT newstest (ru-en 2014–2018 and
// 2020, tr-en 2016–2017), the WMT21 en-ru source and NTREX; cycled if more are asked for.
const std::vector<std::string>& sentences() {
  static const std::vector<std::string> all = [] {
    const std::string root = std::string(QUOTEKIT_SHARED_CORPORA) + "/";
    std::vector<std::string> files;
    for (const char* year : {"2014", "2015", "2016", "2017", "2018", "2020"})
      files.push_back(root + "newstest/ru-en/newstest" + year + ".en");
    for (const char* year : {"2016", "2017"})
      files.push_back(root + "newstest/tr-en/newstest" + year + ".en");
    files.push_back(root + "wmt-en-ru-2021-tworefs/newstest2021.en-ru.src.en");
    files.push_back(root + "ntrex-en-ru-tr/newstest2019-src.eng.txt");
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const std::string& f : files) {
      std::ifstream in(f);
      for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") != std::string::npos && seen.insert(line).second)
          out.push_back(line);
      }
    }
    return out;
  }();
  return all;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> w;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t j = s.find(' ', i);
    const std::size_t end = j == std::string::npos ? s.size() : j;
    if (end > i) w.push_back(s.substr(i, end - i));
    i = end + 1;
  }
  return w;
}

struct Rendering {
  Document doc;
  std::vector<Statement> statements;

  void add(const std::string& sentence) {
    if (!doc.text.empty()) doc.text += statements.size() % 6 == 0 ? "\n\n" : " ";
    Statement st;
    st.index = static_cast<std::uint32_t>(statements.size());
    st.span = Span{static_cast<std::uint32_t>(doc.text.size()),
                   static_cast<std::uint32_t>(doc.text.size() + sentence.size())};
    doc.text += sentence;
    statements.push_back(st);
  }
};

// A: n sentences; B: A perturbed with a fixed seed.
std::pair<Rendering, Rendering> renderings(std::size_t n) {
  const auto& pool = sentences();
  Rendering a, b;
  a.doc.id = "A";
  b.doc.id = "B";
  a.doc.lang = b.doc.lang = Lang::en;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> p(0.0, 1.0);
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& s = pool[k % pool.size()];
    a.add(s);
    const double r = p(rng);
    if (r < 0.05) continue;                                    // dropped in B
    if (r < 0.07) b.add(pool[(k * 7919 + 13) % pool.size()]);  // a sentence added in B
    std::vector<std::string> w = words_of(s);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < w.size(); ++i) {
      const double q = p(rng);
      if (q < 0.03) continue;
      if (q < 0.06) {
        const auto& other = words_of(pool[(k + i * 31) % pool.size()]);
        out.push_back(other.empty() ? w[i] : other[i % other.size()]);
      } else if (q < 0.08 && i + 1 < w.size()) {
        out.push_back(w[i + 1]);
        out.push_back(w[i]);
        ++i;
      } else {
        out.push_back(w[i]);
      }
    }
    std::string joined;
    for (const std::string& x : out) joined += (joined.empty() ? "" : " ") + x;
    if (!joined.empty()) b.add(joined);
  }
  return {std::move(a), std::move(b)};
}

void report(benchmark::State& state, const DocumentDrift& d, std::size_t bytes) {
  state.counters["stmts_a"] = static_cast<double>(d.a.size());
  state.counters["stmts_b"] = static_cast<double>(d.b.size());
  state.counters["pairs"] = d.summary.pairs;
  state.counters["omitted"] = d.summary.omitted;
  state.counters["added"] = d.summary.added;
  state.counters["band"] = d.stats.band;
  state.counters["widen"] = d.stats.widenings;
  state.counters["Mcells"] = static_cast<double>(d.stats.cells) / 1e6;
  state.counters["Mscores"] = static_cast<double>(d.stats.score_calls) / 1e6;
  state.counters["peak_MiB"] = quotekit::bench::peak_rss_mib();
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// Times `drift` on two renderings of range(0) statements each (newstest English, A against a
// reworded B).
template <class Drift>
void run_drift(benchmark::State& state, Drift&& drift) {
  if (sentences().empty()) {
    state.SkipWithError("newstest English files not found under shared/corpora/newstest/ru-en");
    return;
  }
  const auto [a, b] = renderings(static_cast<std::size_t>(state.range(0)));
  DocumentDrift d;
  for (auto _ : state) {
    d = drift(a, b);
    benchmark::DoNotOptimize(d.pairs.data());
  }
  report(state, d, a.doc.text.size() + b.doc.text.size());
}

void BM_DriftStatements(benchmark::State& state) {
  run_drift(state, [](const auto& a, const auto& b) {
    return drift_statements(a.doc, a.statements, b.doc, b.statements);
  });
}
BENCHMARK(BM_DriftStatements)->Arg(5000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_DriftDocuments(benchmark::State& state) {
  run_drift(state, [](const auto& a, const auto& b) { return drift_documents(a.doc, b.doc); });
}
BENCHMARK(BM_DriftDocuments)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
