// quotekit segment — one record per statement: sentences, quoted speech and website furniture,
// with speaker turns and byte spans.
#include <fmt/format.h>

#include <memory>

#include "cli.hpp"

namespace quotekit::cli {

namespace {

struct SegmentArgs {
  CommonOptions common;
  bool no_quotes = false;
  bool no_furniture = false;
};

ExitCode run_segment(const SegmentArgs& args) {
  const std::vector<Document> docs = load_inputs(args.common);
  SegmentOptions options;
  options.quotes = !args.no_quotes;
  options.furniture = !args.no_furniture;

  Output out;
  std::size_t total = 0;
  for (const Document& doc : docs) {
    const std::vector<Statement> statements = segment(doc, options);
    write_statements(out, args.common.format, doc, statements);
    total += statements.size();
  }
  out.flush();
  if (total == 0) {
    note(args.common,
         fmt::format("segment: no statement in {} document{}", docs.size(), docs.size() == 1 ? "" : "s"));
    return ExitCode::no_result;
  }
  note(args.common, fmt::format("segment: {} statement{} in {} document{}", total, total == 1 ? "" : "s",
                                docs.size(), docs.size() == 1 ? "" : "s"));
  return ExitCode::ok;
}

}  // namespace

Command segment_command() {
  return {"segment", "Split documents into statements (sentences, quotes, furniture)",
          "Prints one record per statement, in document order: its document, index, kind (sentence,\n"
          "quote, furniture), role (question, answer) and speaker where the text marks turns, and the\n"
          "byte span [start,end) of its text in the document's UTF-8. Quotes follow the sentence that\n"
          "contains them. JSONL fields: doc, index, kind, role, speaker, turn, parent, lang, start,\n"
          "end, text (role, speaker, parent, lang are null when none or unknown).",
          [](CLI::App& app) -> Run {
            auto args = std::make_shared<SegmentArgs>();
            add_common_options(app, args->common);
            app.add_flag("--no-quotes", args->no_quotes,
                         "Do not report quoted speech (“…”, «…», „…“) as\n"
                         "statements of kind 'quote' of their own.\n"
                         "Default: off (quotes are reported)");
            app.add_flag("--no-furniture", args->no_furniture,
                         "Do not mark website furniture (lone timestamps, date\n"
                         "lines, teasers ending in '...'); treat it as ordinary\n"
                         "sentences. Default: off (furniture is marked)");
            return [args] { return run_segment(*args); };
          }};
}

}  // namespace quotekit::cli
