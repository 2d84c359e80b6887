// Signing throughput (issue 3: "signing ≥ 50 MB/s per core"), on the sentences of the
// interviews corpus, one thread:
//   BM_Sign               exact hash + MinHash (K = 128) + SimHash-64 from tokens already made
//                         (Fingerprinter::fingerprint): the signing step alone;
//   BM_TokenizeSign       tokenize + stem + sign: what a statement costs from its text on;
//   BM_AnalyzeCorpus      AnalyzedCorpus on one thread: segment, tokenize, IDF, IDF-weighted
//                         MinHash and the LSH index — everything neardup does before pairs.
// Bytes are the sentences' UTF-8 bytes (for BM_AnalyzeCorpus, the documents'). Arg(2) runs the
// input twice over to show how the cost grows when it doubles.
//   build/bench/fingerprint_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
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

struct Sentence {
  std::string_view text;
  std::vector<Token> tokens;  // spans into `text`'s document
  const Document* doc;
  Span span;
};

const std::vector<Sentence>& sentences() {
  static const std::vector<Sentence> out = [] {
    std::vector<Sentence> s;
    for (const Document& d : corpus()) {
      const Tokenizer tok(d.lang);
      for (const Statement& st : segment(d)) {
        if (st.kind != StatementKind::sentence) continue;
        Sentence x{slice(d.text, st.span), {}, &d, st.span};
        tok.tokenize(d.text, st.span, x.tokens);
        s.push_back(std::move(x));
      }
    }
    return s;
  }();
  return out;
}

std::int64_t sentence_bytes() {
  std::int64_t n = 0;
  for (const Sentence& s : sentences()) n += static_cast<std::int64_t>(s.text.size());
  return n;
}

// Bytes, sentences/s and peak memory for a benchmark over the sentences `copies` times.
void set_sentence_counters(benchmark::State& state, int copies) {
  const auto n = static_cast<double>(sentences().size()) * copies;
  state.SetBytesProcessed(state.iterations() * sentence_bytes() * copies);
  state.counters["sentences/s"] =
      benchmark::Counter(n * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_MiB"] = bench::peak_rss_mib();
}

void BM_Sign(benchmark::State& state) {
  const int copies = static_cast<int>(state.range(0));
  Fingerprinter fp;
  MinHashSignature sig;
  std::uint64_t sink = 0;
  for (auto _ : state) {
    for (int c = 0; c < copies; ++c) {
      for (const Sentence& s : sentences()) {
        const Fingerprint f = fp.fingerprint(s.tokens, sig);
        sink += f.exact ^ f.simhash ^ sig.values[0];
      }
    }
  }
  benchmark::DoNotOptimize(sink);
  set_sentence_counters(state, copies);
}
BENCHMARK(BM_Sign)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_TokenizeSign(benchmark::State& state) {
  const int copies = static_cast<int>(state.range(0));
  std::map<Lang, Tokenizer> tokenizers;
  for (const Document& d : corpus()) tokenizers.try_emplace(d.lang, d.lang);
  Fingerprinter fp;
  MinHashSignature sig;
  std::vector<Token> tokens;
  std::uint64_t sink = 0;
  for (auto _ : state) {
    for (int c = 0; c < copies; ++c) {
      for (const Sentence& s : sentences()) {
        tokens.clear();
        tokenizers.at(s.doc->lang).tokenize(s.doc->text, s.span, tokens);
        sink += fp.fingerprint(tokens, sig).exact;
      }
    }
  }
  benchmark::DoNotOptimize(sink);
  set_sentence_counters(state, copies);
}
BENCHMARK(BM_TokenizeSign)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_AnalyzeCorpus(benchmark::State& state) {
  const int copies = static_cast<int>(state.range(0));
  std::vector<Document> docs;
  std::int64_t bytes = 0;
  for (int c = 0; c < copies; ++c) {
    for (const Document& d : corpus()) {
      docs.push_back(d);
      docs.back().id += "#" + std::to_string(c);
      bytes += static_cast<std::int64_t>(d.text.size());
    }
  }
  AnalyzeOptions opt;
  opt.threads = 1;
  opt.term_index = false;  // neardup's configuration
  std::size_t statements = 0;
  for (auto _ : state) {
    const AnalyzedCorpus c(docs, opt);
    statements = c.size();
    benchmark::DoNotOptimize(c.lsh());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["statements/s"] = benchmark::Counter(
      static_cast<double>(statements) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_MiB"] = bench::peak_rss_mib();
}
BENCHMARK(BM_AnalyzeCorpus)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
