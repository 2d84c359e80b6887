#include "cli.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <map>
#include <new>
#include <string>

namespace quotekit::cli {

namespace {

constexpr std::string_view kExitCodes =
    "Exit codes:\n"
    "  0  results printed\n"
    "  1  ran fine, found nothing (e.g. no statement in any input)\n"
    "  2  bad command line: unknown option, bad value; run 'quotekit CMD --help'\n"
    "  3  input error: missing, unreadable, undecodable or malformed input (the message names\n"
    "     the source, the byte offset where known, and what to do)\n"
    "  4  internal error: a bug, please report it";

void print_error(std::string_view message) { fmt::print(stderr, "quotekit: {}\n", message); }

void print_usage_hint(std::string_view command) {
  if (command.empty()) {
    fmt::print(stderr, "Run 'quotekit --help' for more information.\n");
  } else {
    fmt::print(stderr, "Run 'quotekit {} --help' for more information.\n", command);
  }
}

// The subcommand the parser had reached, for "Run 'quotekit CMD --help'".
std::string parsed_command(const CLI::App& app) {
  const auto subs = app.get_subcommands();
  return subs.empty() ? std::string() : subs.front()->get_name();
}

}  // namespace

DecodeOptions CommonOptions::decode_options() const {
  DecodeOptions d;
  d.encoding = encoding;
  d.lossy = lossy;
  d.lang = parse_lang(lang);
  return d;
}

CLI::Validator language_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        try {
          (void)parse_lang(value);
          return {};
        } catch (const UsageError& e) {
          return e.what();
        }
      },
      "", "language");
}

void add_speaker_options(CLI::App& app, SpeakerOptions& o) {
  app.add_option("--speaker", o.speakers,
                 "Keep only statements whose speaker contains S (case-\n"
                 "insensitive, ASCII); repeat for several. Default: all")
      ->type_name("S");
  app.add_flag("--answers-only", o.answers_only,
               "Leave out questions (host turns). Statements outside\n"
               "question/answer turns are kept. Default: off");
}

void add_common_options(CLI::App& app, CommonOptions& o, bool html) {
  app.add_option("INPUT", o.inputs,
                 "Files to read, in order. Plain text: one document per file,\n"
                 "named by the file name. JSON Lines (.jsonl, .ndjson, or\n"
                 "content starting like a JSON object): one document per line,\n"
                 "{\"text\"} plus optional \"id\", \"outlet\", \"date\", \"title\",\n"
                 "\"lang\". '-' reads standard input (once)")
      ->required()
      ->type_name("FILE|-");
  const CLI::Validator lang_check = language_validator();
  app.add_option("--lang", o.lang,
                 "Language of every input: en, ru or tr (or other).\n"
                 "Default: identify each document (a JSONL record's\n"
                 "\"lang\" field is used when present)")
      ->type_name("LANG")
      ->check(lang_check);
  app.add_option("--encoding", o.encoding,
                 fmt::format("Source encoding of every input, one of:\n{}.\n"
                             "Default: detect (byte-order mark; UTF-8; else a Cyrillic\n"
                             "or Turkish 8-bit code page)",
                             supported_encodings()))
      ->type_name("ENC");
  app.add_flag("--lossy", o.lossy,
               "Replace invalid byte sequences with U+FFFD instead of\n"
               "failing, and report how many per document on stderr.\n"
               "Default: off (invalid input is an error, exit 3)");
  app.add_option_function<std::string>(
         "-f,--format",
         [&o](const std::string& value) {
           o.format = value == "jsonl" ? Format::jsonl : value == "html" ? Format::html : Format::text;
         },
         html ? "Output: 'text' (for terminals), 'jsonl' (one JSON\n"
                "object per line, for programs) or 'html' (one\n"
                "self-contained page, for people). Default: text"
              : "Output: 'text' (aligned columns, one line per record,\n"
                "for terminals) or 'jsonl' (one JSON object per line,\n"
                "for programs). Default: text")
      ->type_name("FMT")
      ->transform(html ? CLI::IsMember({"text", "jsonl", "html"}, CLI::ignore_case).description("")
                       : CLI::IsMember({"text", "jsonl"}, CLI::ignore_case).description(""));
  app.add_flag("-q,--quiet", o.quiet,
               "No notes on stderr (summary, \"nothing found\"); errors\n"
               "and --lossy counts are still printed. Default: off");
}

std::vector<Document> load_inputs(const CommonOptions& options) {
  std::vector<Document> docs = load_documents(options.inputs, options.decode_options());
  for (const Document& doc : docs) {
    if (doc.replaced == 0) continue;
    fmt::print(stderr, "quotekit: warning: {}: replaced {} invalid byte sequence{} with U+FFFD (--lossy)\n",
               doc.source.empty() ? doc.id : doc.source, doc.replaced, doc.replaced == 1 ? "" : "s");
  }
  return docs;
}

void note(const CommonOptions& options, std::string_view message) {
  if (!options.quiet) print_error(message);
}

Output::Output(std::FILE* file, std::size_t capacity) : file_(file), capacity_(capacity) {
  buffer_.reserve(capacity_ + capacity_ / 4);
}

Output::~Output() {
  try {
    flush();
  } catch (const std::exception&) {  // a destructor must not throw; flush() reports errors
  }
}

void Output::flush() {
  if (!buffer_.empty()) {
    const std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    const int error = errno;
    const bool failed = written != buffer_.size();
    buffer_.clear();
    if (failed) throw Error(fmt::format("cannot write the output: {}", std::strerror(error)));
  }
  if (std::fflush(file_) != 0) throw Error(fmt::format("cannot write the output: {}", std::strerror(errno)));
}

void write_statements(Output& out, Format format, const Document& doc,
                      const std::vector<Statement>& statements) {
  if (format == Format::jsonl) {
    for (const Statement& st : statements) {
      append_statement_json(out.buffer(), doc, st);
      out.buffer() += '\n';
      out.maybe_flush();
    }
    return;
  }
  const TextColumns columns = text_columns(doc, statements);
  for (const Statement& st : statements) {
    append_statement_text(out.buffer(), doc, st, columns);
    out.buffer() += '\n';
    out.maybe_flush();
  }
}

int run_main(int argc, char** argv, const std::vector<Command>& commands) {
  CLI::App app(
      "quotekit finds the same statement across interviews, outlets and languages (English, Russian,\n"
      "Turkish) and shows how its wording changed.",
      "quotekit");
  app.set_version_flag("--version", fmt::format("quotekit {}", kVersion), "Print the version and exit");
  app.require_subcommand(1);
  app.footer(
      fmt::format("Run 'quotekit CMD --help' for a command's inputs, options and output.\n\n{}", kExitCodes));

  std::vector<Run> runs;
  std::vector<CLI::App*> subs;
  try {
    for (const Command& c : commands) {
      CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.description));
      sub->footer(c.details.empty() ? std::string(kExitCodes)
                                    : fmt::format("{}\n\n{}", c.details, kExitCodes));
      runs.push_back(c.setup(*sub));
      subs.push_back(sub);
    }
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error while setting up the command line: {}", e.what()));
    return static_cast<int>(ExitCode::internal);
  }

  // CLI11 would call an unknown command "A subcommand is required"; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view first = argv[1];
    bool known = false;
    std::string names;
    for (const Command& c : commands) {
      known = known || c.name == first;
      names += names.empty() ? "" : ", ";
      names += c.name;
    }
    if (!known) {
      print_error(fmt::format("unknown command '{}' (commands: {})", first, names));
      print_usage_hint("");
      return static_cast<int>(ExitCode::usage);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string command = parsed_command(app);
    fmt::print(stderr, "quotekit{}{}: {}\n", command.empty() ? "" : " ", command, e.what());
    print_usage_hint(command);
    return static_cast<int>(ExitCode::usage);
  }

  std::size_t chosen = 0;
  while (chosen < subs.size() && !subs[chosen]->parsed()) ++chosen;
  if (chosen == subs.size()) {  // unreachable with require_subcommand(1)
    print_usage_hint("");
    return static_cast<int>(ExitCode::usage);
  }
  const std::string command = subs[chosen]->get_name();

  try {
    return static_cast<int>(runs[chosen]());
  } catch (const UsageError& e) {
    print_error(e.what());
    print_usage_hint(command);
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& e) {  // InputError (3) and the rest of the library's errors
    print_error(e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory");
    return static_cast<int>(ExitCode::internal);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {} (a bug: please report it with the command line)", e.what()));
    return static_cast<int>(ExitCode::internal);
  } catch (...) {
    print_error("internal error: unknown exception (a bug: please report it with the command line)");
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace quotekit::cli
