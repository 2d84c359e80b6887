// quotekit search — where else was this said? Statements ranked by the verification score
// against a query sentence.
#include <fmt/format.h>

#include <memory>

#include "cli.hpp"
#include "lexicon_store.hpp"
#include "progress.hpp"
#include "quotekit/crosslingual.hpp"
#include "quotekit/report.hpp"
#include "quotekit/report_match.hpp"
#include "quotekit/search.hpp"

namespace quotekit::cli {

namespace {

struct SearchArgs {
  CommonOptions common;
  SpeakerOptions who;
  std::string query;
  std::string query_file;
  std::size_t top = 10;
  float min_score = SearchOptions{}.min_score;
  unsigned threads = 0;
  bool cross_lingual = false;
  std::string query_lang;  // --cross-lingual: the query's language (default: identify)
  std::string lexicon;     // --cross-lingual: lexicon file (default: the CLI's lexicon store)
};

// The query text: --query as given, or --query-file decoded like any input (encoding detection
// or --encoding, --lossy), with surrounding white space trimmed.
std::string query_text(const SearchArgs& args) {
  std::string text = args.query;
  if (!args.query_file.empty()) {
    const std::string bytes = read_file_bytes(args.query_file);
    DecodeOptions d = args.common.decode_options();
    text = decode(bytes, d, args.query_file).text;
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw UsageError("the query is empty");
  text.erase(0, first);
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// --cross-lingual: the query's translations in the corpus, ranked by the cross-lingual score
// (lexicon coverage both ways, transliterated names, numbers, length prior).
ExitCode run_cross_lingual(const SearchArgs& args, const std::string& query) {
  const std::vector<Document> docs = load_inputs(args.common);
  Lang qlang = parse_lang(args.query_lang);
  if (qlang == Lang::unknown) qlang = identify_language(query);
  if (qlang != Lang::en && qlang != Lang::ru && qlang != Lang::tr) {
    throw UsageError(fmt::format("cannot tell the query's language ({}): pass --query-lang en, ru or tr",
                                 to_string(qlang)));
  }
  const std::optional<Lexicon> lexicon = open_lexicon(args.lexicon, args.common.quiet, /*required=*/true);
  TranslationSearchOptions topt;
  topt.top = args.top;
  topt.answers_only = args.who.answers_only;
  topt.speakers = args.who.speakers;
  const std::vector<TranslationHit> hits = find_translations(docs, query, qlang, *lexicon, topt);

  std::vector<std::vector<Statement>> segmented(docs.size());
  Output out;
  for (std::size_t k = 0; k < hits.size(); ++k) {
    const TranslationHit& h = hits[k];
    if (segmented[h.doc].empty()) {
      SegmentOptions so;
      so.quotes = false;
      segmented[h.doc] = segment(docs[h.doc], so);
    }
    const Statement& st = segmented[h.doc].at(h.statement);
    const CrossLingualParts& p = h.parts;
    if (args.common.format == Format::jsonl) {
      const std::string record = statement_json(docs[h.doc], st);
      out.buffer() += fmt::format(
          "{{\"rank\":{},\"score\":{:.4f},\"score_parts\":{{\"coverage_src\":{:.4f},\"coverage_tgt\":{:.4f},"
          "\"names\":{:.4f},\"numbers\":{:.4f},\"length\":{:.4f}}},",
          k + 1, p.total, p.coverage_src, p.coverage_tgt, p.names, p.numbers, p.length);
      out.buffer().append(record, 1, std::string::npos);  // the statement's fields, after '{'
    } else {
      out.buffer() += fmt::format("{:>3}  {:.4f}  ", k + 1, p.total);
      out.buffer() += statement_text(docs[h.doc], st);
    }
    out.buffer() += '\n';
    out.maybe_flush();
  }
  out.flush();
  note(args.common,
       fmt::format("search --cross-lingual: {} hit{} for a {} query in {} document{}", hits.size(),
                   hits.size() == 1 ? "" : "s", to_string(qlang), docs.size(), docs.size() == 1 ? "" : "s"));
  return hits.empty() ? ExitCode::no_result : ExitCode::ok;
}

ExitCode run_search(const SearchArgs& args) {
  if (args.query.empty() == args.query_file.empty()) {
    throw UsageError("give the query with exactly one of --query TEXT or --query-file FILE");
  }
  const std::string query = query_text(args);
  if (args.cross_lingual) return run_cross_lingual(args, query);
  std::vector<Document> docs = load_inputs(args.common);
  const std::size_t n_docs = docs.size();
  ProgressLine progress(args.common.quiet);

  AnalyzeOptions aopt;
  aopt.lsh_similarity = 0;  // neardup's index: not needed here
  aopt.threads = args.threads;
  aopt.progress = progress.callback();
  const AnalyzedCorpus corpus(std::move(docs), aopt);

  SearchOptions sopt;
  sopt.top = args.top;
  sopt.min_score = args.min_score;
  sopt.lang = parse_lang(args.common.lang);
  sopt.answers_only = args.who.answers_only;
  sopt.speakers = args.who.speakers;
  const std::vector<SearchHit> hits = search(corpus, query, sopt);
  progress.clear();

  Output out;
  for (std::size_t k = 0; k < hits.size(); ++k) {
    if (args.common.format == Format::jsonl) {
      append_search_hit_json(out.buffer(), corpus, hits[k], k + 1);
    } else {
      append_search_hit_text(out.buffer(), corpus, hits[k], k + 1);
    }
    out.buffer() += '\n';
    out.maybe_flush();
  }
  out.flush();
  note(args.common, fmt::format("search: {} hit{} (score ≥ {:.2f}) among {} statements in {} document{}",
                                hits.size(), hits.size() == 1 ? "" : "s", args.min_score, corpus.size(),
                                n_docs, n_docs == 1 ? "" : "s"));
  return hits.empty() ? ExitCode::no_result : ExitCode::ok;
}

}  // namespace

Command search_command() {
  return {"search", "Find where a statement was said: statements ranked by similarity to a query",
          "Scores the query (one statement, however many sentences) against every statement of the\n"
          "inputs and prints the best, highest first. The score is the verification score of\n"
          "neardup (IDF-weighted overlap of content stems, word order, numbers, names, whether one\n"
          "side is negated), with more weight on how much of the query a statement covers: a\n"
          "sentence quoted inside a longer one is found. Every statement gets a cheap overlap score\n"
          "from an inverted index; the best 500 are scored in full. Website furniture is skipped.\n"
          "JSONL: one record per hit: rank, score, score_parts (overlap, alignment, numbers,\n"
          "names, negation), then the statement fields of segment (doc, index, kind, role, speaker, turn,\n"
          "parent, lang, start, end, text) and the document's outlet and date.",
          [](CLI::App& app) -> Run {
            auto args = std::make_shared<SearchArgs>();
            app.add_option("-Q,--query", args->query, "The statement to look for")->type_name("TEXT");
            app.add_option("--query-file", args->query_file,
                           "Read the statement to look for from FILE (decoded like\n"
                           "the inputs)")
                ->type_name("FILE");
            add_common_options(app, args->common);
            app.add_option("-k,--top", args->top, "Print at most K hits. Default: 10")
                ->type_name("K")
                ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
            app.add_option("--min-score", args->min_score,
                           fmt::format("Leave out hits scoring below S (0..1). Default: {:.2f}",
                                       SearchOptions{}.min_score))
                ->type_name("S")
                ->check(CLI::Range(0.0f, 1.0f));
            add_speaker_options(app, args->who);
            app.add_option("--threads", args->threads,
                           "Worker threads for reading the inputs (0: one per\n"
                           "core). Default: 0")
                ->type_name("N")
                ->check(CLI::Range(0u, 256u));
            app.add_flag("--cross-lingual", args->cross_lingual,
                         "Find the query's translations: a Russian or Turkish query\n"
                         "in English documents, or an English query in Russian and\n"
                         "Turkish ones, ranked by the cross-lingual score (bilingual\n"
                         "lexicon both ways, transliterated names, numbers, length).\n"
                         "Default: off");
            app.add_option("--query-lang", args->query_lang,
                           "With --cross-lingual: the query's language, en, ru or tr.\n"
                           "Default: identify")
                ->type_name("LANG");
            app.add_option("--lexicon", args->lexicon,
                           "With --cross-lingual: the bilingual lexicon file. Default:\n"
                           "$QUOTEKIT_LEXICON or ~/.cache/quotekit/lexicon.bin, built\n"
                           "on first use")
                ->type_name("PATH");
            return [args] { return run_search(*args); };
          }};
}

}  // namespace quotekit::cli
