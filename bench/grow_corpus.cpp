// grow_corpus: writes a large synthetic interview corpus (JSON Lines) grown deterministically
// from ../shared/corpora/interviews (see grow_corpus.hpp for how). Generated corpora are for
// benchmarks only: write them to /tmp, never into the repository.
//   build/bench/grow_corpus /tmp/qk-1m.jsonl 1000000 [SEED]
#include <fmt/format.h>

#include <chrono>
#include <string>

#include "grow_corpus.hpp"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    fmt::print(stderr, "usage: {} OUT.jsonl STATEMENTS [SEED]\n", argv[0]);
    return 2;
  }
  try {
    quotekit::grow::Options o;
    o.statements = std::stoull(argv[2]);
    if (argc == 4) o.seed = std::stoull(argv[3]);
    const auto t0 = std::chrono::steady_clock::now();
    const auto ic = quotekit::eval::load_interviews(std::string(QUOTEKIT_SHARED_CORPORA) + "/interviews");
    if (ic.docs.empty()) {
      fmt::print(stderr, "interviews corpus not found under {}\n", QUOTEKIT_SHARED_CORPORA);
      return 1;
    }
    const quotekit::grow::Generator g(ic.docs);
    const auto st = g.write(argv[1], o);
    fmt::print(
        "{}: {} documents, ~{} statements, {:.1f} MB of text (from {} source statements, seed {}) in {:.1f} "
        "s\n",
        argv[1], st.documents, st.statements, static_cast<double>(st.bytes) / 1e6, g.source_statements(),
        o.seed, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  } catch (const std::exception& e) {
    fmt::print(stderr, "grow_corpus: {}\n", e.what());
    return 1;
  }
  return 0;
}
