// tools/cli.hpp — what every `quotekit` subcommand shares: the command registry, the common
// input options, loading documents, buffered output in text or JSONL, and the one place where
// errors become exit codes. A subcommand is a thin tools/cmd_<name>.cpp over the library.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/quotekit.hpp"

namespace quotekit::cli {

// Runs a parsed command. Return ExitCode::ok or ExitCode::no_result; throw for errors
// (quotekit::UsageError, InputError, Error) and run_main() maps them to exit codes.
using Run = std::function<ExitCode()>;

// One subcommand. `setup` declares its options on the subcommand's CLI::App and returns the
// function that runs it after parsing; that closure owns the option values (capture a
// shared_ptr). Register it in tools/main.cpp (one line).
struct Command {
  std::string_view name;
  std::string_view description;  // one line, listed by `quotekit --help`
  std::string_view details;      // shown by `quotekit <name> --help` after the options
  std::function<Run(CLI::App&)> setup;
};

enum class Format { text, jsonl, html };

// The options every command that reads documents takes.
struct CommonOptions {
  std::vector<std::string> inputs;  // paths, "-" for standard input
  std::string lang;                 // empty: identify each document
  std::string encoding;             // empty: detect
  bool lossy = false;
  Format format = Format::text;
  bool quiet = false;

  DecodeOptions decode_options() const;  // throws UsageError for a bad --lang
};

// Declares INPUT..., --lang, --encoding, --lossy, --format and --quiet on `app`. With `html`,
// --format also takes 'html' (one self-contained page).
void add_common_options(CLI::App& app, CommonOptions& options, bool html = false);

// Checks a --lang style value with parse_lang(): en, ru, tr (or other), with its message.
CLI::Validator language_validator();

// Which statements take part, by who says them: --speaker S (repeatable) and --answers-only,
// shared by neardup and search.
struct SpeakerOptions {
  std::vector<std::string> speakers;
  bool answers_only = false;
};
void add_speaker_options(CLI::App& app, SpeakerOptions& options);

// quotekit::load_documents over options.inputs. Under --lossy, says on stderr how many invalid
// sequences were replaced in each document (even with --quiet: nothing is lost silently).
std::vector<Document> load_inputs(const CommonOptions& options);

// "quotekit: <message>" on stderr, unless quiet.
void note(const CommonOptions& options, std::string_view message);

// Buffered standard output: append to buffer(), call maybe_flush() after each record. One
// fwrite per megabyte, so big corpora are not slowed down by the terminal or pipe.
class Output {
 public:
  explicit Output(std::FILE* file = stdout, std::size_t capacity = std::size_t{1} << 20);
  ~Output();  // flushes; errors are only reported by an explicit flush()
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  std::string& buffer() noexcept { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= capacity_) flush();
  }
  void flush();  // throws quotekit::Error when the write fails (disk full, closed pipe)

 private:
  std::FILE* file_;
  std::size_t capacity_;
  std::string buffer_;
};

// One document's statements, one line each, in the chosen format (text lines are aligned per
// document).
void write_statements(Output& out, Format format, const Document& doc,
                      const std::vector<Statement>& statements);

// Parses the command line, runs the chosen command and maps every outcome to the documented
// exit codes: 0 ok, 1 no result, 2 usage (CLI11 parse errors, UsageError), 3 InputError,
// 4 anything else (a bug).
int run_main(int argc, char** argv, const std::vector<Command>& commands);

}  // namespace quotekit::cli
