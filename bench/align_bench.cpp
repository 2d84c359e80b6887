// Translation alignment at scale: N Russian news sentences (WMT newstest 2014–2015) against
// their English translations with 10% of the sentences deleted and 5% of neighbours merged, for
// N = 2,000 and 4,000 (both sides double). Time per alignment and peak memory of the process.
//
//   build/bench/align_bench --benchmark_counters_tabular=true
//
// The lexicon comes from $QUOTEKIT_LEXICON, or is built once into the temporary directory.
// Peak RSS is the process's high-water mark (it never goes down): run one size at a time with
// --benchmark_filter to read each size's own peak.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "quotekit/crosslingual.hpp"
#include "xling_eval.hpp"

namespace {

namespace fs = std::filesystem;
using namespace quotekit;

const Lexicon& lexicon() {
  static const Lexicon lex = [] {
    const char* env = std::getenv("QUOTEKIT_LEXICON");
    fs::path path = env ? fs::path(env) : fs::temp_directory_path() / "quotekit-align-eval-lexicon.bin";
    if (!fs::exists(path)) build_default_lexicon(path);
    return Lexicon::load(path);
  }();
  return lex;
}

// The first n sentence pairs of newstest 2014, 2015, ... ru-en as one document, perturbed.
struct Input {
  eval::JoinedText src;
  eval::JoinedText tgt;
  std::vector<Bead> truth;
};

const Input& input(std::size_t n) {
  static std::map<std::size_t, Input> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  const fs::path dir = fs::path(QUOTEKIT_SHARED_CORPORA) / "newstest" / "ru-en";
  eval::ParallelSet set{"bench", Lang::ru, Lang::en, {eval::ParallelDoc{"all", {}, {}}}};
  for (const char* year : {"2014", "2015", "2016"}) {
    const auto part = eval::read_line_aligned(dir / (std::string("newstest") + year + ".ru"),
                                              dir / (std::string("newstest") + year + ".en"), "", Lang::ru,
                                              Lang::en, {}, 1u << 30);
    for (const auto& d : part.docs) {
      auto& all = set.docs.front();
      all.src.insert(all.src.end(), d.src.begin(), d.src.end());
      all.tgt.insert(all.tgt.end(), d.tgt.begin(), d.tgt.end());
    }
  }
  auto& all = set.docs.front();
  if (all.src.size() < n) throw std::runtime_error("not enough newstest sentences");
  all.src.resize(n);
  all.tgt.resize(n);
  const auto docs = eval::perturb(set);
  Input in{eval::join(docs.front().src), eval::join(docs.front().tgt), docs.front().truth};
  return cache.emplace(n, std::move(in)).first->second;
}

void report(benchmark::State& state, const Input& in, const TranslationAlignment& r) {
  const eval::AlignScore s = eval::compare(r.beads, in.truth);
  state.counters["src"] = double(in.src.spans.size());
  state.counters["tgt"] = double(in.tgt.spans.size());
  state.counters["band"] = r.stats.band;
  state.counters["cells"] = double(r.stats.cells);
  state.counters["score_calls"] = double(r.stats.score_calls);
  state.counters["bead_F1"] = s.beads.f1();
  state.counters["peak_MiB"] = bench::peak_rss_mib();
}

// Aligns the range(0)-statement Russian document with its English translation, timed.
void run_align(benchmark::State& state, const TranslationAlignOptions& options) {
  const Input& in = input(static_cast<std::size_t>(state.range(0)));
  TranslationAlignment r;
  for (auto _ : state) {
    r = align_translation({in.src.text, Lang::ru, in.src.spans}, {in.tgt.text, Lang::en, in.tgt.spans},
                          &lexicon(), options);
    benchmark::DoNotOptimize(r.beads.data());
  }
  report(state, in, r);
}

void BM_AlignLexicon(benchmark::State& state) {
  TranslationAlignOptions options;
  options.dp.band = static_cast<std::uint32_t>(state.range(1));
  run_align(state, options);
}
// Adaptive band (0: max(20, 5% of the longer side), widened when the path touches its edge), and
// a fixed band of 50 to show the cost per statement.
BENCHMARK(BM_AlignLexicon)
    ->Args({2000, 0})
    ->Args({4000, 0})
    ->Args({2000, 50})
    ->Args({4000, 50})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_AlignLength(benchmark::State& state) {
  TranslationAlignOptions options;
  options.method = AlignMethod::length;
  run_align(state, options);
}
BENCHMARK(BM_AlignLength)->Arg(2000)->Arg(4000)->Unit(benchmark::kMillisecond);

// Features alone (tokenize, stem, lexicon look-ups, transliteration) for both sides.
void BM_Featurize(benchmark::State& state) {
  const Input& in = input(static_cast<std::size_t>(state.range(0)));
  const CrossLingualFeaturizer fs(lexicon(), Lang::ru, Lang::en), ft(lexicon(), Lang::en, Lang::ru);
  CrossLingualFeatures f;
  for (auto _ : state) {
    for (const Span s : in.src.spans) fs.prepare(in.src.text, s, f);
    for (const Span s : in.tgt.spans) ft.prepare(in.tgt.text, s, f);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(in.src.text.size() + in.tgt.text.size()));
  state.counters["statements/s"] = benchmark::Counter(double(in.src.spans.size() + in.tgt.spans.size()),
                                                      benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Featurize)->Arg(2000)->Unit(benchmark::kMillisecond);

// Cross-lingual search: Russian queries against an index of 4,000 English sentences.
void BM_SearchTop5(benchmark::State& state) {
  const Input& in = input(4000);
  static const CrossLingualIndex* index = [&] {
    auto* ix = new CrossLingualIndex(lexicon(), Lang::en, Lang::ru);
    for (const Span s : in.tgt.spans) ix->add(in.tgt.text, s);
    ix->finish();
    return ix;
  }();
  std::size_t q = 0;
  for (auto _ : state) {
    const Span s = in.src.spans[(q++ * 7919) % in.src.spans.size()];
    benchmark::DoNotOptimize(index->search(in.src.text, s, 5));
  }
  state.counters["peak_MiB"] = bench::peak_rss_mib();
}
BENCHMARK(BM_SearchTop5)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
