// quotekit neardup — talking points: statements that keep coming back, reworded, across
// documents, largest first.
#include <fmt/format.h>

#include <memory>

#include "cli.hpp"
#include "progress.hpp"
#include "quotekit/neardup.hpp"
#include "quotekit/report_match.hpp"

namespace quotekit::cli {

namespace {

struct NeardupArgs {
  CommonOptions common;
  float threshold = kDefaultNeardupThreshold;
  std::uint32_t min_docs = 2;
  SpeakerOptions who;
  bool keep_boilerplate = false;
  unsigned threads = 0;
};

ExitCode run_neardup(const NeardupArgs& args) {
  std::vector<Document> docs = load_inputs(args.common);
  const std::size_t n_docs = docs.size();
  ProgressLine progress(args.common.quiet);

  AnalyzeOptions aopt;
  aopt.term_index = false;  // search's index: not needed here
  aopt.threads = args.threads;
  aopt.progress = progress.callback();
  const AnalyzedCorpus corpus(std::move(docs), aopt);

  NeardupOptions nopt;
  nopt.cluster.threshold = args.threshold;
  nopt.cluster.min_docs = args.min_docs;
  nopt.cluster.speakers = args.who.speakers;
  nopt.cluster.answers_only = args.who.answers_only;
  nopt.cluster.keep_boilerplate = args.keep_boilerplate;
  nopt.threads = args.threads;
  nopt.progress = progress.callback();
  const NeardupResult r = find_talking_points(corpus, nopt);
  progress.clear();

  const auto& tps = r.talking_points.clusters;
  const std::string summary = fmt::format(
      "{} talking point{} in {} document{} ({} statements; threshold {:.2f}, at least {} documents each); "
      "{} boilerplate group{} left out; LSH: {} candidate pairs, {} scored, {} verified",
      tps.size(), tps.size() == 1 ? "" : "s", n_docs, n_docs == 1 ? "" : "s", corpus.size(), args.threshold,
      args.min_docs, r.talking_points.boilerplate, r.talking_points.boilerplate == 1 ? "" : "s",
      r.stats.candidates, r.stats.scored, r.stats.verified);

  Output out;
  switch (args.common.format) {
    case Format::jsonl:
      for (const TalkingPoint& tp : tps) {
        append_talking_point_json(out.buffer(), corpus, tp);
        out.buffer() += '\n';
        out.maybe_flush();
      }
      break;
    case Format::html:
      append_talking_points_html(out.buffer(), corpus, tps, "quotekit: talking points", summary);
      break;
    case Format::text:
      for (std::size_t k = 0; k < tps.size(); ++k) {
        append_talking_point_text(out.buffer(), corpus, tps[k], k + 1);
        out.maybe_flush();
      }
      break;
  }
  out.flush();
  note(args.common, fmt::format("neardup: {}", summary));
  if (r.stats.skipped_buckets > 0) {
    note(args.common,
         fmt::format("neardup: {} over-full LSH bucket{} skipped (mass repeats; exact repeats are "
                     "still grouped)",
                     r.stats.skipped_buckets, r.stats.skipped_buckets == 1 ? "" : "s"));
  }
  return tps.empty() ? ExitCode::no_result : ExitCode::ok;
}

}  // namespace

Command neardup_command() {
  return {"neardup", "Find talking points: statements repeated, reworded, across documents",
          "Groups statements that say the same thing in different words across documents (LSH\n"
          "candidates, each pair verified by the score: IDF-weighted overlap of content stems,\n"
          "word order, numbers and names, negation: a statement and its denial are not one point;\n"
          "no chaining: a statement joins a group only when it matches its centre and most of its\n"
          "members). Largest groups first (most documents).\n"
          "Boilerplate (\"Thank you very much.\", host questions, interview headings, website\n"
          "furniture) is left out unless --keep-boilerplate.\n"
          "Group ids are derived from the earliest member: the same input gives the same ids, and\n"
          "adding documents does not renumber existing groups.\n"
          "JSONL: one record per talking point: id, canonical (a statement record), size,\n"
          "documents, outlets, outlet_names, first_date, last_date, boilerplate, members (statement\n"
          "records with outlet, date and score to the canonical wording).\n"
          "HTML: one self-contained page (no external resources).",
          [](CLI::App& app) -> Run {
            auto args = std::make_shared<NeardupArgs>();
            add_common_options(app, args->common, /*html=*/true);
            app.add_option("-t,--threshold", args->threshold,
                           fmt::format("Verification score (0..1] two statements need to count\n"
                                       "as the same talking point. Lower finds more, looser\n"
                                       "groups. Default: {:.2f}",
                                       kDefaultNeardupThreshold))
                ->type_name("T")
                ->check(CLI::Range(0.01f, 1.0f));
            app.add_option("--min-docs", args->min_docs,
                           "Report groups spanning at least N distinct documents.\n"
                           "Default: 2")
                ->type_name("N")
                ->check(CLI::Range(1u, 1000000u));
            add_speaker_options(app, args->who);
            app.add_flag("--keep-boilerplate", args->keep_boilerplate,
                         "Keep (and label) boilerplate groups and very short\n"
                         "statements. Default: off");
            app.add_option("--threads", args->threads,
                           "Worker threads (0: one per core). Results do not depend\n"
                           "on it. Default: 0")
                ->type_name("N")
                ->check(CLI::Range(0u, 256u));
            return [args] { return run_neardup(*args); };
          }};
}

}  // namespace quotekit::cli
