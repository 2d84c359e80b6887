// quotekit lexicon — the bilingual lexicon the cross-lingual commands use: build it from the
// installed dictd dictionaries (plus user word lists), show what is in it, measure how much of
// a text it covers.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lexicon_store.hpp"

namespace quotekit::cli {

namespace {

namespace fs = std::filesystem;

struct LexiconArgs {
  CLI::App* build = nullptr;
  CLI::App* coverage = nullptr;
  CLI::App* info = nullptr;
  // build
  std::string out;
  std::vector<std::string> user;
  std::string dictd_dir;
  // coverage, info
  std::string lexicon;
  std::vector<std::string> inputs;
  std::string lang;
  std::string to;
  std::string encoding;
  std::size_t top = 10;
  Format format = Format::text;
  bool quiet = false;
};

// "names.tsv:en-ru" → the file and its direction.
UserLexicon parse_user_lexicon(const std::string& spec) {
  const auto colon = spec.rfind(':');
  const auto dash = colon == std::string::npos ? std::string::npos : spec.find('-', colon);
  if (colon == std::string::npos || dash == std::string::npos)
    throw UsageError(fmt::format("--user-lexicon {}: expected FILE:SRC-TGT, e.g. names.tsv:en-ru", spec));
  UserLexicon u;
  u.path = spec.substr(0, colon);
  u.from = parse_lang(spec.substr(colon + 1, dash - colon - 1));
  u.to = parse_lang(spec.substr(dash + 1));
  const auto ok = [](Lang l) { return l == Lang::en || l == Lang::ru || l == Lang::tr; };
  if (!ok(u.from) || !ok(u.to) || u.from == u.to)
    throw UsageError(fmt::format("--user-lexicon {}: the languages must be two of en, ru, tr", spec));
  return u;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

void print_directions(Output& out, const Lexicon& lex) {
  for (const auto& [from, to] : lex.directions()) {
    if (from > to) continue;  // one line per pair: a pair is stored both ways
    out.buffer() += fmt::format(
        "{}-{}: {} stem pairs ({} phrase), {} {} stems and {} {} stems with a translation\n", to_string(from),
        to_string(to), lex.entries(from, to), lex.entries(from, to, PairKind::phrase),
        lex.headwords(from, to), to_string(from), lex.headwords(to, from), to_string(to));
  }
}

ExitCode run_build(const LexiconArgs& args) {
  std::vector<UserLexicon> users;
  for (const auto& spec : args.user) users.push_back(parse_user_lexicon(spec));
  const fs::path out_path = args.out.empty() ? default_lexicon_path() : fs::path(args.out);
  const LexiconBuildStats stats = build_default_lexicon(out_path, users, args.dictd_dir);
  Output out;
  if (args.format == Format::jsonl) {
    nlohmann::ordered_json j;
    j["path"] = out_path.string();
    j["bytes"] = stats.bytes;
    for (const auto& d : stats.dictionaries)
      j["dictionaries"].push_back({{"name", d.name},
                                   {"from", to_string(d.from)},
                                   {"to", to_string(d.to)},
                                   {"headwords", d.headwords},
                                   {"kept", d.parsed},
                                   {"via_reference", d.aliases},
                                   {"pairs", d.pairs},
                                   {"skipped_multiword", d.skipped_phrase},
                                   {"skipped_affix", d.skipped_affix},
                                   {"skipped_empty", d.skipped_empty}});
    for (const auto& u : stats.user_lexicons)
      j["user_lexicons"].push_back({{"path", u.path.string()},
                                    {"from", to_string(u.from)},
                                    {"to", to_string(u.to)},
                                    {"lines", u.lines},
                                    {"pairs", u.pairs}});
    for (const auto& d : stats.directions)
      j["directions"].push_back({{"from", to_string(d.from)},
                                 {"to", to_string(d.to)},
                                 {"headwords", d.headwords},
                                 {"entries", d.entries},
                                 {"phrase_entries", d.phrase_entries}});
    out.buffer() += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else {
    out.buffer() += fmt::format("{}: {:.1f} MB\n", out_path.string(), double(stats.bytes) / 1e6);
    for (const auto& d : stats.dictionaries) {
      const double kept = d.headwords ? 100.0 * double(d.parsed) / double(d.headwords) : 0.0;
      out.buffer() += fmt::format(
          "{} ({}→{}): {} headwords, {} kept ({:.0f}%; {} via a reference), {} stem pairs; skipped: {} "
          "multi-word, {} affixes, {} with nothing left\n",
          d.name, to_string(d.from), to_string(d.to), d.headwords, d.parsed, kept, d.aliases, d.pairs,
          d.skipped_phrase, d.skipped_affix, d.skipped_empty);
    }
    for (const auto& u : stats.user_lexicons)
      out.buffer() += fmt::format("{} ({}→{}): {}, {}\n", u.path.string(), to_string(u.from), to_string(u.to),
                                  plural(u.lines, "line"), plural(u.pairs, "new stem pair"));
    for (const auto& d : stats.directions)
      out.buffer() +=
          fmt::format("{}→{}: {} source stems with a translation, {} stem pairs ({} phrase)\n",
                      to_string(d.from), to_string(d.to), d.headwords, d.entries, d.phrase_entries);
  }
  out.flush();
  return ExitCode::ok;
}

ExitCode run_info(const LexiconArgs& args) {
  const fs::path path = args.lexicon.empty() ? default_lexicon_path() : fs::path(args.lexicon);
  const auto lex = open_lexicon(args.lexicon, args.quiet, /*required=*/true);
  Output out;
  if (args.format == Format::jsonl) {
    nlohmann::ordered_json j;
    j["path"] = path.string();
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    j["bytes"] = ec ? 0 : bytes;
    for (const Lang l : {Lang::en, Lang::ru, Lang::tr}) j["stems"][std::string(to_string(l))] = lex->stems(l);
    for (const auto& [from, to] : lex->directions())
      j["directions"].push_back({{"from", to_string(from)},
                                 {"to", to_string(to)},
                                 {"headwords", lex->headwords(from, to)},
                                 {"entries", lex->entries(from, to)},
                                 {"phrase_entries", lex->entries(from, to, PairKind::phrase)}});
    out.buffer() += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else {
    std::error_code ec;
    const auto bytes = fs::file_size(path, ec);
    out.buffer() += fmt::format("{}: {:.1f} MB; stems: en {}, ru {}, tr {}\n", path.string(),
                                ec ? 0.0 : double(bytes) / 1e6, lex->stems(Lang::en), lex->stems(Lang::ru),
                                lex->stems(Lang::tr));
    print_directions(out, *lex);
  }
  out.flush();
  return ExitCode::ok;
}

ExitCode run_coverage(const LexiconArgs& args) {
  const auto lex = open_lexicon(args.lexicon, args.quiet, /*required=*/true);
  DecodeOptions decode;
  decode.encoding = args.encoding;
  decode.lang = parse_lang(args.lang);
  const std::vector<Document> docs = load_documents(args.inputs, decode);
  const Lang forced_to = parse_lang(args.to);
  Output out;
  std::size_t lines = 0;
  for (const Document& doc : docs) {
    if (doc.lang != Lang::en && doc.lang != Lang::ru && doc.lang != Lang::tr) {
      if (!args.quiet)
        fmt::print(stderr,
                   "quotekit: lexicon coverage: {}: language {} has no dictionary; skipped (pass --lang)\n",
                   doc.id, to_string(doc.lang));
      continue;
    }
    std::vector<Lang> targets;
    if (forced_to != Lang::unknown) {
      targets.push_back(forced_to);
    } else if (doc.lang == Lang::en) {
      targets = {Lang::ru, Lang::tr};
    } else {
      targets = {Lang::en};
    }
    for (const Lang to : targets) {
      const LexiconCoverage c = measure_coverage(*lex, doc.lang, to, doc.text, args.top);
      ++lines;
      if (args.format == Format::jsonl) {
        nlohmann::ordered_json j;
        j["doc"] = doc.id;
        j["from"] = to_string(doc.lang);
        j["to"] = to_string(to);
        j["tokens"] = c.tokens;
        j["known"] = c.known;
        j["ratio"] = c.ratio();
        j["types"] = c.types;
        j["known_types"] = c.known_types;
        j["type_ratio"] = c.type_ratio();
        j["top_unknown"] = nlohmann::json::array();
        for (const auto& [stem, n] : c.top_unknown) j["top_unknown"].push_back({stem, n});
        out.buffer() += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      } else {
        std::string unknown;
        for (const auto& [stem, n] : c.top_unknown)
          unknown += fmt::format("{}{} ({})", unknown.empty() ? "" : ", ", stem, n);
        out.buffer() += fmt::format(
            "{}  {}→{}  {:.1f}% of {} content words ({:.1f}% of {} distinct stems); "
            "most frequent unknown: {}\n",
            doc.id, to_string(doc.lang), to_string(to), 100.0 * c.ratio(), c.tokens, 100.0 * c.type_ratio(),
            c.types, unknown.empty() ? "-" : unknown);
      }
      out.maybe_flush();
    }
  }
  out.flush();
  return lines == 0 ? ExitCode::no_result : ExitCode::ok;
}

void add_format(CLI::App& app, LexiconArgs& args) {
  app.add_option_function<std::string>(
         "-f,--format",
         [&args](const std::string& v) { args.format = v == "jsonl" ? Format::jsonl : Format::text; },
         "Output: text or jsonl. Default: text")
      ->type_name("FMT")
      ->transform(CLI::IsMember({"text", "jsonl"}, CLI::ignore_case).description(""));
}

}  // namespace

Command lexicon_command() {
  return {"lexicon", "Build, inspect and measure the bilingual lexicon (en-ru, en-tr)",
          "Subcommands:\n"
          "  build     parse the dictd dictionaries of Debian's mueller7-dict, dict-freedict-eng-tur\n"
          "            and dict-freedict-tur-eng (in /usr/share/dictd, or $QUOTEKIT_DICTD_DIR) plus\n"
          "            user word lists (UTF-8 'source<TAB>target' lines, '#' comments) into the\n"
          "            lexicon file, and say what survived of each dictionary\n"
          "  info      stems and stem pairs per language pair of a built lexicon\n"
          "  coverage  share of the content words of texts whose stem the lexicon translates\n"
          "The lexicon file: --out/--lexicon PATH, else $QUOTEKIT_LEXICON, else\n"
          "$XDG_CACHE_HOME/quotekit/lexicon.bin or ~/.cache/quotekit/lexicon.bin (where 'quotekit\n"
          "align' builds it on first use).",
          [](CLI::App& app) -> Run {
            auto args = std::make_shared<LexiconArgs>();
            app.require_subcommand(1);
            CLI::App* build = app.add_subcommand("build", "Build the lexicon file from the dictionaries");
            build->add_option("--out", args->out, "Where to write it. Default: the default lexicon path")
                ->type_name("PATH");
            build
                ->add_option("--user-lexicon", args->user,
                             "A word list to add, with its direction, e.g.\n"
                             "names.tsv:en-ru (repeatable)")
                ->type_name("FILE:SRC-TGT");
            build
                ->add_option("--dictd-dir", args->dictd_dir,
                             "Directory of the dictd files. Default: $QUOTEKIT_DICTD_DIR\n"
                             "or /usr/share/dictd")
                ->type_name("DIR");
            add_format(*build, *args);
            CLI::App* info = app.add_subcommand("info", "What a built lexicon holds");
            info->add_option("--lexicon", args->lexicon, "The lexicon file. Default: the default path")
                ->type_name("PATH");
            add_format(*info, *args);
            CLI::App* coverage = app.add_subcommand("coverage", "How much of texts the lexicon covers");
            coverage->add_option("INPUT", args->inputs, "Texts (files, JSONL corpora, or '-')")
                ->required()
                ->type_name("FILE|-");
            coverage->add_option("--lexicon", args->lexicon, "The lexicon file. Default: the default path")
                ->type_name("PATH");
            coverage->add_option("--lang", args->lang, "Language of the texts. Default: identify")
                ->type_name("LANG");
            coverage
                ->add_option("--to", args->to,
                             "Target language. Default: en for ru/tr texts, ru and tr for en")
                ->type_name("LANG");
            coverage->add_option("--encoding", args->encoding, "Source encoding. Default: detect")
                ->type_name("ENC");
            coverage->add_option("--top", args->top, "How many unknown stems to list. Default: 10")
                ->type_name("N");
            add_format(*coverage, *args);
            for (CLI::App* sub : {build, info, coverage})
              sub->add_flag("-q,--quiet", args->quiet, "No notes on stderr. Default: off");
            args->build = build;
            args->info = info;
            args->coverage = coverage;
            return [args] {
              if (args->build->parsed()) return run_build(*args);
              if (args->info->parsed()) return run_info(*args);
              return run_coverage(*args);
            };
          }};
}

}  // namespace quotekit::cli
