// Quality figures for talking points (issue 3), printed for bench/README.md:
//   - search on the gold set: every rendering as the query against the interviews corpus, its
//     siblings as answers → recall@10, MRR (as labelled and with the pooled judgements, over all
//     statements and answers only; per source file; paraphrase pairs J < 0.1; recall@k to 1000);
//   - neardup on the gold set: pairwise precision and recall, false links on near misses, over
//     a sweep of thresholds;
//   - the scorer on the near-miss pairs directly, and LSH on gold pairs (feature Jaccard);
//   - WMT21 ru-en re-translations: reference B (and each system) as queries against the 1000
//     sentences of reference A → top-1, top-5.
// Usage: build/bench/talking_points_eval [--threshold T] [--min-score S] [--rescore N]
//          [--coverage C] [--answers-only] [--no-wmt] [--verbose] (and LSH options: see --help)
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "eval_common.hpp"

namespace {

using namespace quotekit;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
  float threshold = kDefaultNeardupThreshold;
  bool wmt = true, verbose = false, brute = true;
  SearchOptions sopt;
  AnalyzeOptions aopt;
  aopt.keep_signatures = true;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) {
      threshold = std::stof(argv[++i]);
    } else if (std::strcmp(argv[i], "--min-score") == 0 && i + 1 < argc) {
      sopt.min_score = std::stof(argv[++i]);
    } else if (std::strcmp(argv[i], "--coverage") == 0 && i + 1 < argc) {
      sopt.query_coverage = std::stof(argv[++i]);
    } else if (std::strcmp(argv[i], "--answers-only") == 0) {
      sopt.answers_only = true;
    } else if (std::strcmp(argv[i], "--rescore") == 0 && i + 1 < argc) {
      sopt.rescore = std::stoul(argv[++i]);
    } else if (std::strcmp(argv[i], "--lsh") == 0 && i + 1 < argc) {
      aopt.lsh_similarity = std::stod(argv[++i]);
    } else if (std::strcmp(argv[i], "--bands") == 0 && i + 2 < argc) {
      aopt.lsh_params = LshParams{static_cast<std::uint32_t>(std::stoul(argv[i + 1])),
                                  static_cast<std::uint32_t>(std::stoul(argv[i + 2]))};
      i += 2;
    } else if (std::strcmp(argv[i], "--k") == 0 && i + 1 < argc) {
      aopt.k = std::stoul(argv[++i]);
    } else if (std::strcmp(argv[i], "--unweighted") == 0) {
      aopt.lsh_idf_weights = false;
    } else if (std::strcmp(argv[i], "--bucket-cap") == 0 && i + 1 < argc) {
      aopt.lsh.bucket_cap = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    } else if (std::strcmp(argv[i], "--split") == 0 && i + 2 < argc) {
      aopt.lsh.split_above = static_cast<std::uint32_t>(std::stoul(argv[i + 1]));
      aopt.lsh.split_rows = static_cast<std::uint32_t>(std::stoul(argv[i + 2]));
      i += 2;
    } else if (std::strcmp(argv[i], "--bigrams") == 0) {
      aopt.features.bigrams = true;
    } else if (std::strcmp(argv[i], "--no-brute-force") == 0) {
      brute = false;
    } else if (std::strcmp(argv[i], "--no-wmt") == 0) {
      wmt = false;
    } else if (std::strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else {
      fmt::print(stderr,
                 "usage: {} [--threshold T] [--min-score S] [--rescore N] [--coverage C] [--answers-only]\n"
                 "          [--lsh SIMILARITY] [--bands B R]\n"
                 "          [--bucket-cap N] [--split ABOVE ROWS] [--unweighted] [--k K] [--bigrams] "
                 "[--no-brute-force]\n"
                 "          [--no-wmt] [--verbose]\n",
                 argv[0]);
      return 2;
    }
  }
  const std::string shared = QUOTEKIT_SHARED_CORPORA;
  eval::InterviewCorpus ic = eval::load_interviews(shared + "/interviews");
  if (ic.docs.empty()) {
    fmt::print(stderr, "interviews corpus not found under {}\n", shared);
    return 1;
  }
  const eval::Gold gold = eval::load_gold(ic, QUOTEKIT_GOLD);
  std::size_t renderings = 0;
  for (const auto& g : gold.items) renderings += g.rendering;
  fmt::print("gold: {} talking points, {} renderings, {} also, {} near misses\n", gold.points.size(),
             renderings, gold.items.size() - renderings, gold.near_misses.size());

  auto t0 = Clock::now();
  const AnalyzedCorpus corpus(ic.docs, aopt);
  fmt::print("corpus: {} documents (interviews), {} statements, analysed in {:.2f} s\n",
             corpus.documents().size(), corpus.size(), seconds_since(t0));

  // ---- search: as labelled (siblings only) and with the pooled judgements (sentences from the
  // top of the results judged by hand to state the claim: not errors), over all statements and
  // over answers only (--answers-only: the interviewer's questions left out).
  fmt::print("\nsearch ({} queries; {} pooled judgements of the same claim):\n", renderings,
             gold.pooled.size());
  fmt::print("  {:<34} {:>9} {:>6} {:>14} {:>7}\n", "", "recall@10", "MRR", "J<0.1 found", "time");
  eval::SearchFigures headline;
  for (const bool answers : {false, true}) {
    for (const bool pooled : {false, true}) {
      SearchOptions o = sopt;
      o.answers_only = sopt.answers_only || answers;
      t0 = Clock::now();
      eval::SearchFigures sf = eval::evaluate_search(corpus, ic, gold, o, pooled);
      fmt::print("  {:<34} {:>9.3f} {:>6.3f} {:>7} of {:>3} {:>6.2f}s\n",
                 fmt::format("{}, {}", answers ? "answers only" : "all statements",
                             pooled ? "pooled" : "as labelled"),
                 sf.recall_at_10, sf.mrr, sf.found_by_j[0], sf.pairs_by_j[0], seconds_since(t0));
      if (answers && pooled) headline = std::move(sf);
    }
  }
  {
    // How far down the siblings are: a lexical score cannot rank what shares no content word.
    SearchOptions o = sopt;
    o.answers_only = true;
    o.min_score = 0.0f;
    o.rescore = 5000;
    for (const std::size_t k : {10, 20, 50, 100, 1000}) {
      const eval::SearchFigures sf = eval::evaluate_search(corpus, ic, gold, o, true, k);
      fmt::print("  answers only, pooled, no minimum score: recall@{} {:.3f}\n", k, sf.recall_at_10);
    }
  }
  fmt::print("  sibling pairs in the top 10 by content-word Jaccard (answers only, pooled):");
  for (std::size_t b = 0; b < headline.pairs_by_j.size(); ++b) {
    const auto& bounds = eval::SearchFigures::kJaccardBounds;
    fmt::print("{} {} {} of {}", b == 0 ? "" : ",",
               b == 0              ? fmt::format("J < {:.1f}", bounds[0])
               : b < bounds.size() ? fmt::format("{:.1f}–{:.1f}", bounds[b - 1], bounds[b])
                                   : fmt::format("≥ {:.1f}", bounds.back()),
               headline.found_by_j[b], headline.pairs_by_j[b]);
  }
  fmt::print("\n  per source file of the query (answers only, pooled):\n");
  for (const auto& [file, v] : headline.per_file) {
    const auto& [n, r, m] = v;
    fmt::print("    {}: {:3} queries  recall@10 {:.3f}  MRR {:.3f}\n", file, n, r / static_cast<double>(n),
               m / static_cast<double>(n));
  }
  if (verbose) {
    for (const auto& m : headline.misses) fmt::print("  no sibling in the top 10: {}\n", m);
  }

  // ---- neardup
  fmt::print("\nneardup (pairwise over labelled sentences; recall over {} rendering pairs):\n", 532);
  fmt::print("  threshold  clusters  precision  recall  near-miss links  candidates  verified   time\n");
  std::vector<float> sweep{0.40f, 0.45f, 0.50f, 0.55f, 0.60f, 0.65f, 0.70f};
  if (std::find(sweep.begin(), sweep.end(), threshold) == sweep.end()) sweep.push_back(threshold);
  std::sort(sweep.begin(), sweep.end());
  for (const float t : sweep) {
    NeardupOptions nopt;
    nopt.cluster.threshold = t;
    t0 = Clock::now();
    const NeardupResult r = find_talking_points(corpus, nopt);
    const double secs = seconds_since(t0);
    const eval::NeardupFigures nf = eval::evaluate_neardup(corpus, gold, r);
    fmt::print("  {:.2f}{}     {:8}  {:9.3f}  {:6.3f}  {:5} of {:<5}  {:10}  {:8}  {:.2f} s\n", t,
               t == threshold ? "*" : " ", nf.talking_points, nf.precision(), nf.recall(),
               nf.linked_near_misses, nf.near_misses, r.stats.candidates, r.stats.verified, secs);
    if (verbose && t == threshold) {
      for (const auto& l : nf.false_links) fmt::print("    false link: {}\n", l);
    }
  }

  // ---- the scorer on near misses, directly
  {
    std::size_t above = 0;
    const Scorer& scorer = corpus.scorer();
    for (const auto& [a, b] : gold.near_misses) {
      const StatementFeatures fa = query_features(corpus, a.text), fb = query_features(corpus, b.text);
      const float s = scorer.score(fa, fb).total;
      above += s >= threshold;
      if (verbose) fmt::print("  near miss {:.3f}: {} ~ {}\n", s, a.text, b.text);
    }
    fmt::print("\nnear misses scoring ≥ {:.2f} as pairs: {} of {}\n", threshold, above,
               gold.near_misses.size());
  }

  // ---- LSH on gold rendering pairs: feature Jaccard of the covering statements, and candidates
  {
    const LshIndex& lsh = *corpus.lsh();
    const auto all = neardup_candidates(corpus);
    std::size_t pairs = 0, candidates = 0, accepted = 0, accepted_candidates = 0;
    std::vector<double> jaccard_accepted;
    for (std::size_t a = 0; a < gold.items.size(); ++a) {
      for (std::size_t b = a + 1; b < gold.items.size(); ++b) {
        const auto& x = gold.items[a];
        const auto& y = gold.items[b];
        if (!x.rendering || !y.rendering || x.point != y.point) continue;
        const auto sx = eval::statements_covering(corpus, x), sy = eval::statements_covering(corpus, y);
        if (sx.empty() || sy.empty()) continue;
        ++pairs;
        bool cand = false, acc = false;
        double best_j = 0;
        for (const std::uint32_t i : sx) {
          for (const std::uint32_t j : sy) {
            const bool is_cand =
                std::binary_search(all.begin(), all.end(), CandidatePair{std::min(i, j), std::max(i, j)});
            const float s = corpus.scorer().score(corpus.features(i), corpus.features(j)).total;
            cand = cand || is_cand;
            if (s >= threshold) {
              acc = true;
              accepted_candidates += 0;
              best_j = std::max(best_j, estimate_jaccard(corpus.signature(i), corpus.signature(j)));
            }
          }
        }
        candidates += cand;
        if (acc) {
          ++accepted;
          accepted_candidates += cand;
          jaccard_accepted.push_back(best_j);
        }
      }
    }
    std::sort(jaccard_accepted.begin(), jaccard_accepted.end());
    auto q = [&](double p) {
      return jaccard_accepted.empty() ? 0.0
                                      : jaccard_accepted[static_cast<std::size_t>(
                                            p * static_cast<double>(jaccard_accepted.size() - 1))];
    };
    fmt::print(
        "\nLSH ({} bands × {} rows, tuned for Jaccard {:.2f}) on gold rendering pairs: {} of {} are "
        "candidates; "
        "of the {} scoring ≥ {:.2f}, {} are ({:.3f}).\n  Estimated feature Jaccard of those: min {:.2f}, 5% "
        "{:.2f}, "
        "median {:.2f}\n",
        lsh.params().bands, lsh.params().rows, aopt.lsh_similarity, candidates, pairs, accepted, threshold,
        accepted_candidates,
        accepted ? static_cast<double>(accepted_candidates) / static_cast<double>(accepted) : 0.0, q(0),
        q(0.05), q(0.5));
  }

  // ---- LSH against brute force: every pair of clusterable statements scored
  if (brute) {
    t0 = Clock::now();
    NeardupOptions nopt;
    nopt.cluster.threshold = threshold;
    std::vector<std::uint32_t> ids;
    for (std::uint32_t i = 0; i < corpus.size(); ++i) {
      if (cluster_eligible(cluster_statement(corpus, i), nopt.cluster)) ids.push_back(i);
    }
    std::vector<CandidatePair> above;
    std::size_t jaccard_above = 0, jaccard_found = 0;
    ScoreOptions verify = corpus.scorer().options();  // neardup's verifier
    verify.min_shared_terms = nopt.min_shared_terms;
    const Scorer verifier(corpus.idf(), verify);
    const auto cand = neardup_candidates(corpus);
    for (std::size_t x = 0; x < ids.size(); ++x) {
      const FeatureView fx = corpus.features(ids[x]);
      for (std::size_t y = x + 1; y < ids.size(); ++y) {
        if (corpus.exact(ids[x]) == corpus.exact(ids[y])) continue;  // grouped by exact hash, no pair needed
        const CandidatePair p{ids[x], ids[y]};
        if (estimate_jaccard(corpus.signature(p.a), corpus.signature(p.b)) >= aopt.lsh_similarity) {
          ++jaccard_above;
          jaccard_found += std::binary_search(cand.begin(), cand.end(), p);
        }
        if (verifier.score(fx, corpus.features(ids[y]), threshold).total >= threshold) above.push_back(p);
      }
    }
    std::size_t found = 0;
    for (const CandidatePair& p : above) found += std::binary_search(cand.begin(), cand.end(), p);
    fmt::print(
        "\nLSH against brute force over {} clusterable statements ({:.1f} s):\n"
        "  pairs scoring ≥ {:.2f}: {}, of which LSH candidates {} ({:.3f})\n"
        "  pairs with estimated feature Jaccard ≥ {:.2f}: {}, of which LSH candidates {} ({:.3f})\n"
        "  LSH candidate pairs in all: {}\n",
        ids.size(), seconds_since(t0), threshold, above.size(), found,
        above.empty() ? 0.0 : static_cast<double>(found) / static_cast<double>(above.size()),
        aopt.lsh_similarity, jaccard_above, jaccard_found,
        jaccard_above ? static_cast<double>(jaccard_found) / static_cast<double>(jaccard_above) : 0.0,
        cand.size());
    // The index's similarity estimate (one byte per slot) of the verifier's pairs and of all
    // candidate pairs: how many scorer calls a minimum estimate would save, and at what cost.
    {
      const LshIndex& lsh = *corpus.lsh();
      constexpr std::array<double, 5> kMin{0.05, 0.10, 0.15, 0.20, 0.25};
      std::array<std::size_t, 5> verified_below{}, candidates_below{};
      std::size_t verified_pairs = 0, candidate_pairs = 0;
      auto tally = [&](const CandidatePair& p, std::array<std::size_t, 5>& below, std::size_t& count) {
        const std::uint32_t a = corpus.lsh_representative(p.a), b = corpus.lsh_representative(p.b);
        if (a == b || corpus.features(a).terms.empty() || corpus.features(b).terms.empty()) return;
        ++count;
        const double e = lsh.estimate_similarity(a, b);
        for (std::size_t k = 0; k < kMin.size(); ++k) below[k] += e < kMin[k];
      };
      for (const CandidatePair& p : above) tally(p, verified_below, verified_pairs);
      for (const CandidatePair& p : cand) tally(p, candidates_below, candidate_pairs);
      fmt::print("  index similarity estimate below      0.05    0.10    0.15    0.20    0.25\n");
      fmt::print("    of {:>6} verifier pairs      ", verified_pairs);
      for (const std::size_t v : verified_below) fmt::print(" {:>7}", v);
      fmt::print("\n    of {:>6} candidate pairs     ", candidate_pairs);
      for (const std::size_t v : candidates_below) fmt::print(" {:>7}", v);
      fmt::print("\n");
    }
    // The pairs LSH misses: how many share their rarest terms (a prefix filter would find them).
    std::size_t missed = 0, prefix1 = 0, prefix2 = 0;
    for (const CandidatePair& p : above) {
      if (std::binary_search(cand.begin(), cand.end(), p)) continue;
      ++missed;
      FeatureView fa = corpus.features(p.a), fb = corpus.features(p.b);
      if (fa.terms.size() > fb.terms.size()) std::swap(fa, fb);
      std::vector<std::uint32_t> rare(fa.terms.begin(), fa.terms.end());
      std::sort(rare.begin(), rare.end(), [&](std::uint32_t x, std::uint32_t y) {
        return corpus.idf().df(x) != corpus.idf().df(y) ? corpus.idf().df(x) < corpus.idf().df(y) : x < y;
      });
      auto in_b = [&](std::uint32_t t) { return std::binary_search(fb.terms.begin(), fb.terms.end(), t); };
      if (!rare.empty() && in_b(rare[0])) ++prefix1;
      if ((!rare.empty() && in_b(rare[0])) || (rare.size() > 1 && in_b(rare[1]))) ++prefix2;
      if (verbose && missed <= 15) {
        fmt::print("  missed: {} ~ {}\n", corpus.text(p.a), corpus.text(p.b));
      }
    }
    fmt::print("  missed by LSH: {}; the shorter's rarest term in the other: {}, one of its two rarest: {}\n",
               missed, prefix1, prefix2);
  }

  // ---- WMT21 re-translations
  if (wmt) {
    const eval::Wmt w = eval::load_wmt(shared + "/wmt-ru-en/newstest2021.ru-en.all.xml");
    if (w.ids.empty()) {
      fmt::print("\nWMT21 not found; skipped\n");
    } else {
      t0 = Clock::now();
      const AnalyzedCorpus a = eval::wmt_corpus(w, "A");
      fmt::print("\nWMT21 ru-en: {} segments of reference A as the corpus ({} statements)\n", w.ids.size(),
                 a.size());
      const eval::TwinFigures b = eval::evaluate_twins(a, w.refs.at("B"));
      fmt::print("  reference B → A: top-1 {:.3f}, top-5 {:.3f} ({} queries)\n", b.top1_rate(), b.top5_rate(),
                 b.queries);
      for (const auto& [system, hyps] : w.hyps) {
        const eval::TwinFigures h = eval::evaluate_twins(a, hyps);
        fmt::print("  {:12} → A: top-1 {:.3f}, top-5 {:.3f} ({} queries)\n", system, h.top1_rate(),
                   h.top5_rate(), h.queries);
      }
      fmt::print("  ({:.1f} s)\n", seconds_since(t0));
    }
  }
  fmt::print("\npeak memory {:.0f} MiB\n", bench::peak_rss_mib());
  return 0;
}
