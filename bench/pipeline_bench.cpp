// decode → segment → tokenize (+ stem) over the whole interviews corpus.
// Throughput is reported as bytes of input text per second (MB/s, one core) and statements/s.
// The input-doubling benchmarks (Arg 1, 2, 4) show how cost grows with input size.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "quotekit/quotekit.hpp"

namespace {

namespace fs = std::filesystem;
using namespace quotekit;

const std::vector<Document>& corpus() { return bench::interview_documents(); }

std::vector<std::string> raw_corpus() {
  std::vector<std::string> out;
  for (const auto& d : corpus()) out.push_back(d.text);
  return out;
}

int64_t total_bytes() {
  int64_t n = 0;
  for (const auto& d : corpus()) n += static_cast<int64_t>(d.text.size());
  return n;
}

void BM_Decode(benchmark::State& state) {
  const auto raw = raw_corpus();
  for (auto _ : state) {
    for (const auto& r : raw) benchmark::DoNotOptimize(decode(r, DecodeOptions{}, "bench"));
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Decode)->Unit(benchmark::kMillisecond);

void BM_IdentifyLanguage(benchmark::State& state) {
  for (auto _ : state)
    for (const auto& d : corpus()) benchmark::DoNotOptimize(identify_language(d.text));
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_IdentifyLanguage)->Unit(benchmark::kMillisecond);

void BM_Segment(benchmark::State& state) {
  int64_t statements = 0;
  for (auto _ : state)
    for (const auto& d : corpus()) statements += static_cast<int64_t>(segment(d).size());
  state.SetBytesProcessed(state.iterations() * total_bytes());
  state.counters["statements/s"] =
      benchmark::Counter(static_cast<double>(statements), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

// The target: segment + tokenize + stem ≥ 50 MB/s per core. `range(0)` copies of the
// corpus are processed per iteration to show how cost grows when the input doubles.
void BM_SegmentTokenizeStem(benchmark::State& state) {
  const int copies = static_cast<int>(state.range(0));
  std::map<Lang, Tokenizer> tokenizers;  // one per language, built outside the timed loop
  for (const auto& d : corpus()) tokenizers.try_emplace(d.lang, d.lang);
  std::vector<Token> tokens;
  int64_t statements = 0, ntokens = 0;
  for (auto _ : state) {
    for (int c = 0; c < copies; ++c) {
      for (const auto& d : corpus()) {
        const Tokenizer& local = tokenizers.at(d.lang);
        for (const auto& st : segment(d)) {
          if (st.kind != StatementKind::sentence) continue;
          tokens.clear();
          local.tokenize(d.text, st.span, tokens);
          ntokens += static_cast<int64_t>(tokens.size());
          ++statements;
        }
      }
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes() * copies);
  state.counters["statements/s"] =
      benchmark::Counter(static_cast<double>(statements), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(ntokens), benchmark::Counter::kIsRate);
  state.counters["peak_MiB"] = quotekit::bench::peak_rss_mib();
}
BENCHMARK(BM_SegmentTokenizeStem)->Arg(1)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond);

// Tokenize alone, with one long-lived Tokenizer (the hot path of every later stage).
void BM_Tokenize(benchmark::State& state) {
  Tokenizer tok(Lang::en);
  std::vector<Token> tokens;
  for (auto _ : state) {
    for (const auto& d : corpus()) {
      tokens.clear();
      tok.tokenize(d.text, Span{0, static_cast<std::uint32_t>(d.text.size())}, tokens);
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
