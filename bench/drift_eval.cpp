// Drift evaluation on WMT21 ru-en news (two human English translations, A and B, and machine
// translations of every Russian segment): for each news document, English A is aligned with
// B (or with a machine translation) after 10% of B's segments were deleted (fixed seed);
// prints the precision and recall of the recovered segment pairs, how many deleted segments
// came out as omissions, and the distribution of change classes between the renderings.
//
//   build/bench/drift_eval [WMT_ALL_XML] [SYSTEM...]
// Default file: shared/corpora/wmt-ru-en/newstest2021.ru-en.all.xml; default system:
// Facebook-AI (the human-judged best ru-en system of WMT21).
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "drift_wmt.hpp"

namespace {

using namespace quotekit;
using namespace quotekit::drift_eval;

void print(const std::string& label, const EvalResult& r) {
  fmt::print("{}\n", label);
  fmt::print("  documents {}, segments A {}, B {} after deleting {}\n", r.docs, r.segments_a, r.segments_b,
             r.deleted);
  fmt::print("  links: predicted {}, true {}, correct {}  ->  precision {:.4f}, recall {:.4f}\n",
             r.predicted_links, r.true_links, r.correct_links, r.precision(), r.recall());
  fmt::print("  omissions: {} reported, {} of {} deleted segments found\n", r.omissions_reported,
             r.omissions_found, r.deleted);
  fmt::print("  align + diff time: {:.3f} s in total ({:.2f} ms per document)\n", r.seconds,
             r.docs ? 1000.0 * r.seconds / static_cast<double>(r.docs) : 0.0);
  std::uint64_t total = 0;
  for (int c = 1; c < kEditClassCount; ++c) total += r.classes[c];
  fmt::print(
      "  over {} correct 1-1 pairs: mean drift {:.3f}; {} pairs ({:.1f}%) with a meaning-bearing change\n",
      r.one_one_correct, r.one_one_correct ? r.drift_sum / static_cast<double>(r.one_one_correct) : 0.0,
      r.correct_pairs_with_meaning,
      r.one_one_correct
          ? 100.0 * static_cast<double>(r.correct_pairs_with_meaning) / static_cast<double>(r.one_one_correct)
          : 0.0);
  fmt::print("  change classes ({} changes, {:.2f} per pair):\n", total,
             r.one_one_correct ? static_cast<double>(total) / static_cast<double>(r.one_one_correct) : 0.0);
  for (int c = 1; c < kEditClassCount; ++c) {
    const auto cls = static_cast<EditClass>(c);
    fmt::print("    {:<12} {:>6}  {:5.1f}%{}\n", to_string(cls), r.classes[c],
               total ? 100.0 * static_cast<double>(r.classes[c]) / static_cast<double>(total) : 0.0,
               is_meaning_bearing(cls) ? "  (meaning-bearing)" : "");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : std::string(QUOTEKIT_SHARED_CORPORA) + "/wmt-ru-en/newstest2021.ru-en.all.xml";
  std::vector<std::string> systems;
  for (int k = 2; k < argc; ++k) systems.emplace_back(argv[k]);
  if (systems.empty()) systems.emplace_back("Facebook-AI");

  const std::vector<WmtDoc> docs = read_wmt(path);
  if (docs.empty()) {
    fmt::print(stderr, "drift_eval: no documents read from {}\n", path);
    return 1;
  }
  fmt::print("{}: {} documents\n\n", path, docs.size());

  EvalOptions o;
  print("reference A vs reference B, 10% of B deleted (seed 2021)", evaluate(docs, o));
  o.delete_fraction = 0;
  print("\nreference A vs reference B, nothing deleted", evaluate(docs, o));
  for (const std::string& system : systems) {
    o.b = "hyp:" + system;
    o.delete_fraction = 0.10;
    print(fmt::format("\nreference A vs machine translation {}, 10% deleted", system), evaluate(docs, o));
  }
  return 0;
}
