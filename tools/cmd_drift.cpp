// quotekit drift — two renderings of one text (or two quotes) aligned statement by statement,
// with omissions, additions and word-level changes; meaning-bearing changes flagged.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "cli.hpp"
#include "quotekit/compare.hpp"
#include "quotekit/drift_report.hpp"

namespace quotekit::cli {

namespace {

enum class DriftFormat { text, jsonl, html };
enum class ColorMode { automatic, always, never };

struct DriftArgs {
  CommonOptions common;  // inputs, lang, encoding, lossy, quiet (format is ours)
  DriftFormat format = DriftFormat::text;
  ColorMode color = ColorMode::automatic;
  bool quote = false;
  std::string doc_a, doc_b;
  std::string output;
};

// A JSONL corpus reference "FILE#ID" split in two; empty id when `spec` names an existing file
// (file names may hold '#') or has no '#'.
std::pair<std::string, std::string> split_reference(const std::string& spec) {
  std::error_code ec;
  if (spec == "-" || std::filesystem::exists(spec, ec)) return {spec, {}};
  const std::size_t hash = spec.rfind('#');
  if (hash == std::string::npos || hash == 0) return {spec, {}};
  return {spec.substr(0, hash), spec.substr(hash + 1)};
}

std::string id_list(const std::vector<Document>& docs) {
  std::string s;
  for (std::size_t k = 0; k < docs.size() && k < 8; ++k) s += (k ? ", " : "") + docs[k].id;
  if (docs.size() > 8) s += ", ...";
  return s;
}

// The document `spec` names: a plain file, FILE#ID in a JSONL corpus, or the record `id` of
// the corpus FILE. Inputs already read are kept in `cache` (one corpus, two ids).
Document load_one(const DriftArgs& args, const std::string& spec, std::string id,
                  std::vector<std::pair<std::string, std::vector<Document>>>& cache) {
  auto [path, ref_id] = split_reference(spec);
  if (!ref_id.empty()) {
    if (!id.empty()) {
      throw UsageError(
          fmt::format("'{}' names document '{}' and --doc-a/--doc-b names '{}': give one", spec, ref_id, id));
    }
    id = ref_id;
  }
  const std::vector<Document>* docs = nullptr;
  for (const auto& [p, d] : cache) {
    if (p == path) docs = &d;
  }
  if (docs == nullptr) {
    CommonOptions one = args.common;
    one.inputs = {path};
    cache.emplace_back(path, load_inputs(one));
    docs = &cache.back().second;
  }
  if (id.empty()) {
    if (docs->size() == 1) return docs->front();
    throw UsageError(fmt::format("{} holds {} documents ({}): name one as {}#ID or with --doc-a / --doc-b",
                                 path, docs->size(), id_list(*docs), path));
  }
  for (const Document& d : *docs) {
    if (d.id == id) return d;
  }
  throw InputError(
      path, 0, fmt::format("no document with id '{}' among its {} ({})", id, docs->size(), id_list(*docs)),
      "list the ids with 'quotekit segment --format jsonl FILE' or check the spelling");
}

// Two quotes from the command line. Without --lang their language is identified on both
// together: a short quote alone is too little text to tell languages apart reliably.
std::pair<Document, Document> quote_documents(const DriftArgs& args) {
  DecodeOptions options = args.common.decode_options();
  const std::string& qa = args.common.inputs[0];
  const std::string& qb = args.common.inputs[1];
  for (const std::string* q : {&qa, &qb}) {
    if (q->find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      throw UsageError(
          "--quote needs two non-empty statements: quotekit drift --quote \"TEXT A\" \"TEXT B\"");
    }
  }
  if (options.lang == Lang::unknown) {
    options.lang = make_document("AB", qa + "\n" + qb, options, "<quotes>").lang;
  }
  return {make_document("A", qa, options, "<quote A>"), make_document("B", qb, options, "<quote B>")};
}

bool use_color(ColorMode mode, std::FILE* file) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return ::isatty(::fileno(file)) == 1;
}

struct OutputFile {
  std::FILE* file = stdout;
  explicit OutputFile(const std::string& path) {
    if (path.empty() || path == "-") return;
    file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
      throw InputError(path, 0, "cannot open the output file for writing",
                       "check the directory and permissions");
    }
  }
  ~OutputFile() {
    if (file != stdout) std::fclose(file);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
};

ExitCode run_drift(const DriftArgs& args) {
  const auto& inputs = args.common.inputs;
  Document a, b;
  if (args.quote) {
    if (inputs.size() != 2) throw UsageError("--quote takes exactly two statements: \"TEXT A\" \"TEXT B\"");
    if (!args.doc_a.empty() || !args.doc_b.empty())
      throw UsageError("--quote cannot be combined with --doc-a/--doc-b");
    std::tie(a, b) = quote_documents(args);
  } else {
    std::vector<std::pair<std::string, std::vector<Document>>> cache;
    if (inputs.size() == 1) {
      if (args.doc_a.empty() || args.doc_b.empty()) {
        throw UsageError(
            "one input: name both documents with --doc-a ID --doc-b ID (or give two inputs A B)");
      }
      a = load_one(args, inputs[0], args.doc_a, cache);
      b = load_one(args, inputs[0], args.doc_b, cache);
    } else {
      a = load_one(args, inputs[0], args.doc_a, cache);
      b = load_one(args, inputs[1], args.doc_b, cache);
    }
  }

  DocumentDrift d;
  if (args.quote) {
    // The user says the two are the same quote: they pair however low their score.
    DriftOptions options;
    options.align.floor = -1.0;
    d = drift_statements(a, {whole_text_statement(a)}, b, {whole_text_statement(b)}, options);
  } else {
    d = drift_documents(a, b);
  }

  OutputFile file(args.output);
  Output out(file.file);
  switch (args.format) {
    case DriftFormat::text: {
      DriftTextOptions options;
      options.color = use_color(args.color, file.file);
      append_drift_header_text(out.buffer(), a, b, d);
      for (const AlignedPair& p : d.pairs) {
        append_drift_pair_text(out.buffer(), a, b, d, p, options);
        out.maybe_flush();
      }
      out.buffer() += '\n';
      append_drift_summary_text(out.buffer(), d);
      break;
    }
    case DriftFormat::jsonl:
      for (const AlignedPair& p : d.pairs) {
        append_drift_pair_json(out.buffer(), a, b, d, p);
        out.buffer() += '\n';
        out.maybe_flush();
      }
      append_drift_summary_json(out.buffer(), a, b, d);
      out.buffer() += '\n';
      break;
    case DriftFormat::html:
      out.buffer() += drift_html(a, b, d);
      break;
  }
  out.flush();

  const DriftSummary& s = d.summary;
  if (s.pairs == 0) {
    note(args.common, fmt::format("drift: no statement of {} aligns with one of {}", a.id, b.id));
    return ExitCode::no_result;
  }
  note(args.common, fmt::format("drift: {} pair{} ({} with meaning-bearing changes), {} omitted, {} added",
                                s.pairs, s.pairs == 1 ? "" : "s", s.drifted, s.omitted, s.added));
  return ExitCode::ok;
}

}  // namespace

Command drift_command() {
  return {
      "drift", "Align two renderings of a text and show how the wording changed",
      "A and B are two documents in one language: plain-text files, or records of a JSON Lines\n"
      "corpus named FILE#ID (e.g. corpus.jsonl#2020-tass corpus.jsonl#2020-bbc). With one corpus,\n"
      "--doc-a ID --doc-b ID pick both records from it: quotekit drift --doc-a X --doc-b Y corpus.jsonl.\n"
      "With --quote, A and B are the two statements themselves, compared as one statement each:\n"
      "  quotekit drift --quote \"We still have hope.\" \"We nevertheless have hope.\"\n"
      "\n"
      "Sentences are aligned (quoted speech stays inside its sentence; website furniture is left\n"
      "out) in beads 1-1, 1-2, 2-1, 2-2 (split or joined sentences), 1-0 (omitted from B) and 0-1\n"
      "(added in B), then each pair is diffed word by word. Changes are classified; number,\n"
      "negation, name, modality, omission and addition are meaning-bearing and flagged; intensifier,\n"
      "move, word_form, synonym, wording and punctuation are not. Drift per pair: 0 (same wording)\n"
      "to 1.\n"
      "\n"
      "Output formats:\n"
      "  text   per bead a header line (bead, statements as A#index with byte spans [start,end),\n"
      "         score, drift), the word diff: [-deleted-]{+inserted+} [~moved~] (or colour on a\n"
      "         terminal: red, green, cyan; meaning-bearing changes bold), a '!' line per\n"
      "         meaning-bearing change, a '~' line counting the others; a summary at the end.\n"
      "  jsonl  one record per bead, in order:\n"
      "           {\"bead\":\"1-1\",\"a\":{statement},\"b\":{statement},\"drift\":0.03,\n"
      "            \"edits\":[{\"op\",\"class\",\"meaning\",\"a_text\",\"b_text\",\"a_start\",\"a_end\",\n"
      "            \"b_start\",\"b_end\"}],\"score\":0.74}\n"
      "         a and b are statement records as 'quotekit segment' writes them (index as with\n"
      "         --no-quotes); null on the missing side of a 1-0 / 0-1 bead, where score and drift\n"
      "         are null and edits empty. A merged side covers its two statements. Edits are the\n"
      "         changes only; spans are byte offsets into each document. The last line is the\n"
      "         summary: {\"summary\":{\"a\",\"b\",\"pairs\",\"drifted\",\"omitted\",\"added\",\n"
      "         \"mean_drift\",\"max_drift\",\"classes\":{...}}}.\n"
      "  html   one self-contained page (no external resources): a summary table, then A and B\n"
      "         side by side, changes as <del>/<ins> of class \"edit <op> <class>\", meaning-bearing\n"
      "         ones also of class \"meaning\" with a title naming the class.\n"
      "\n"
      "Exit code 1: no statement of A aligns with one of B (the output still lists the beads).",
      [](CLI::App& app) -> Run {
        auto args = std::make_shared<DriftArgs>();
        CommonOptions& o = args->common;
        app.add_option("A B", o.inputs,
                       "The two renderings: FILE, FILE#ID (a JSONL record) or '-'\n"
                       "(standard input, once); with --quote, two statements")
            ->required()
            ->expected(1, 2)
            ->type_name("DOC");
        app.add_flag("--quote", args->quote,
                     "A and B are statements given on the command line, each\n"
                     "compared as a whole. Default: off (A and B are documents)");
        app.add_option("--doc-a", args->doc_a, "Id of document A within its JSONL corpus")->type_name("ID");
        app.add_option("--doc-b", args->doc_b,
                       "Id of document B within its JSONL corpus (with a single\n"
                       "input, both come from it)")
            ->type_name("ID");
        app.add_option_function<std::string>(
               "-f,--format",
               [a = args.get()](const std::string& v) {
                 a->format = v == "jsonl"  ? DriftFormat::jsonl
                             : v == "html" ? DriftFormat::html
                                           : DriftFormat::text;
               },
               "Output: 'text' (word diff for terminals), 'jsonl' (one\n"
               "record per aligned pair, then a summary record) or\n"
               "'html' (one self-contained page). Default: text")
            ->type_name("FMT")
            ->transform(CLI::IsMember({"text", "jsonl", "html"}, CLI::ignore_case).description(""));
        app.add_option_function<std::string>(
               "--color",
               [a = args.get()](const std::string& v) {
                 a->color = v == "always"  ? ColorMode::always
                            : v == "never" ? ColorMode::never
                                           : ColorMode::automatic;
               },
               "Colour in text output: 'auto' (when the output is a\n"
               "terminal and NO_COLOR is unset), 'always' or 'never'.\n"
               "Default: auto")
            ->type_name("WHEN")
            ->transform(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case).description(""));
        app.add_option("-o,--output", args->output, "Write to FILE instead of standard output")
            ->type_name("FILE");
        app.add_option("--lang", o.lang,
                       "Language of both: en, ru or tr (or other). Default:\n"
                       "identify (both quotes together with --quote)")
            ->type_name("LANG");
        app.add_option("--encoding", o.encoding,
                       fmt::format("Source encoding of the files, one of:\n{}.\nDefault: detect",
                                   supported_encodings()))
            ->type_name("ENC");
        app.add_flag("--lossy", o.lossy,
                     "Replace invalid byte sequences with U+FFFD instead of\n"
                     "failing (counts on stderr). Default: off");
        app.add_flag("-q,--quiet", o.quiet, "No notes on stderr. Default: off");
        return [args] { return run_drift(*args); };
      }};
}

}  // namespace quotekit::cli
