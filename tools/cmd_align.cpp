// quotekit align — a text and its translation, sentence by sentence: beads of source and target
// statements (1-1, merges 1-2/2-1/2-2, omissions 1-0, additions 0-1) with both texts, their
// byte spans and a confidence.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lexicon_store.hpp"
#include "quotekit/crosslingual.hpp"

namespace quotekit::cli {

namespace {

enum class AlignFormat { text, tsv, jsonl };

struct AlignArgs {
  std::string src;
  std::string tgt;
  std::string src_lang;
  std::string tgt_lang;
  std::string method = "lexicon";
  std::string lexicon;
  std::string encoding;
  bool lossy = false;
  AlignFormat format = AlignFormat::text;
  bool quiet = false;
};

// One input file holding one document.
Document load_one(const std::string& input, const std::string& lang, const AlignArgs& args,
                  const char* which) {
  DecodeOptions options;
  options.encoding = args.encoding;
  options.lossy = args.lossy;
  options.lang = parse_lang(lang);
  std::vector<Document> docs = load_documents({input}, options);
  if (docs.size() != 1)
    throw UsageError(fmt::format("align: {} must hold one document; {} holds {}", which, input, docs.size()));
  for (const Document& d : docs)
    if (d.replaced > 0)
      fmt::print(stderr, "quotekit: warning: {}: replaced {} invalid byte sequence{} with U+FFFD (--lossy)\n",
                 d.source.empty() ? d.id : d.source, d.replaced, d.replaced == 1 ? "" : "s");
  Document doc = std::move(docs.front());
  if (doc.lang == Lang::unknown)
    throw UsageError(fmt::format("align: cannot tell the language of {} ({}); pass --{}-lang en|ru|tr", which,
                                 input, which == std::string_view("SRC") ? "src" : "tgt"));
  return doc;
}

// A statement's text on one line: control characters (tabs, line breaks) become spaces, so that
// text and TSV records stay one line and TSV keeps three columns.
void append_flat(std::string& out, std::string_view text) {
  for (const char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c);
}

struct Side {
  const Document* doc;
  std::vector<Span> spans;
};

std::string indices(std::uint32_t begin, std::uint32_t count, char tag) {
  if (count == 0) return "-";
  if (count == 1) return fmt::format("{}{}", tag, begin);
  return fmt::format("{}{}-{}", tag, begin, begin + count - 1);
}

std::string spans_of(const Side& side, std::uint32_t begin, std::uint32_t count) {
  std::string s;
  for (std::uint32_t k = begin; k < begin + count; ++k)
    s += fmt::format("{}[{},{})", s.empty() ? "" : " ", side.spans[k].start, side.spans[k].end);
  return s;
}

void write_text(Output& out, const Bead& b, const Side& src, const Side& tgt) {
  std::string& o = out.buffer();
  const std::string score = b.is_pair() ? fmt::format("{:.2f}", b.score) : std::string("   -");
  const std::string left = b.a_count == 0 ? std::string("-")
                                          : fmt::format("{} {}", indices(b.a_begin, b.a_count, 'S'),
                                                        spans_of(src, b.a_begin, b.a_count));
  const std::string right = b.b_count == 0 ? std::string("-")
                                           : fmt::format("{} {}", indices(b.b_begin, b.b_count, 'T'),
                                                         spans_of(tgt, b.b_begin, b.b_count));
  o += fmt::format("{:<3}  {}  {:<28}  {}\n", to_string(b.kind()), score, left, right);
  for (std::uint32_t k = b.a_begin; k < b.a_begin + b.a_count; ++k) {
    o += fmt::format("     {} │ ", to_string(src.doc->lang));
    append_flat(o, slice(src.doc->text, src.spans[k]));
    o += '\n';
  }
  for (std::uint32_t k = b.b_begin; k < b.b_begin + b.b_count; ++k) {
    o += fmt::format("     {} │ ", to_string(tgt.doc->lang));
    append_flat(o, slice(tgt.doc->text, tgt.spans[k]));
    o += '\n';
  }
}

// hunalign's -text output: source segment, target segment, confidence, tab-separated; the
// sentences of a segment joined by " ~~~ ", an empty column for none.
void write_tsv(Output& out, const Bead& b, const Side& src, const Side& tgt) {
  std::string& o = out.buffer();
  auto column = [&](const Side& side, std::uint32_t begin, std::uint32_t count) {
    for (std::uint32_t k = begin; k < begin + count; ++k) {
      if (k > begin) o += " ~~~ ";
      append_flat(o, slice(side.doc->text, side.spans[k]));
    }
  };
  column(src, b.a_begin, b.a_count);
  o += '\t';
  column(tgt, b.b_begin, b.b_count);
  o += fmt::format("\t{:.6g}\n", b.score);
}

void write_jsonl(Output& out, const Bead& b, const CrossLingualParts* parts, AlignMethod method,
                 const Side& src, const Side& tgt) {
  nlohmann::ordered_json j;
  j["src_doc"] = src.doc->id;
  j["tgt_doc"] = tgt.doc->id;
  j["kind"] = to_string(b.kind());
  auto side = [&](const Side& s, std::uint32_t begin, std::uint32_t count, const char* key) {
    nlohmann::json idx = nlohmann::json::array(), spans = nlohmann::json::array();
    std::string text;
    for (std::uint32_t k = begin; k < begin + count; ++k) {
      idx.push_back(k);
      spans.push_back({s.spans[k].start, s.spans[k].end});
      if (k > begin) text += ' ';
      text += slice(s.doc->text, s.spans[k]);
    }
    j[key] = idx;
    j[std::string(key) + "_spans"] = spans;
    j[std::string(key) + "_text"] = text;
  };
  side(src, b.a_begin, b.a_count, "src");
  side(tgt, b.b_begin, b.b_count, "tgt");
  const auto round4 = [](double v) { return std::round(v * 1e4) / 1e4; };
  j["score"] = round4(b.score);
  j["method"] = to_string(method);
  if (parts != nullptr && b.is_pair()) {
    j["parts"] = {{"coverage_src", round4(parts->coverage_src)},
                  {"coverage_tgt", round4(parts->coverage_tgt)},
                  {"names", round4(parts->names)},
                  {"numbers", round4(parts->numbers)},
                  {"length", round4(parts->length)},
                  {"total", round4(parts->total)}};
  }
  out.buffer() += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.buffer() += '\n';
}

ExitCode run_align(const AlignArgs& args) {
  const Document src = load_one(args.src, args.src_lang, args, "SRC");
  const Document tgt = load_one(args.tgt, args.tgt_lang, args, "TGT");
  SegmentOptions seg;
  seg.quotes = false;  // quotes overlap their sentences; a bead is a run of whole sentences
  Side s{&src, {}}, t{&tgt, {}};
  for (const Statement& st : segment(src, seg)) s.spans.push_back(st.span);
  for (const Statement& st : segment(tgt, seg)) t.spans.push_back(st.span);

  TranslationAlignOptions options;
  options.method = args.method == "length" ? AlignMethod::length : AlignMethod::lexicon;
  std::optional<Lexicon> lexicon;
  if (options.method == AlignMethod::lexicon) {
    const auto pair_known = [](Lang a, Lang b) {
      return a != b && (a == Lang::en || b == Lang::en) && a != Lang::other && b != Lang::other;
    };
    // Not silenced by --quiet: the output is made another way than asked.
    if (!pair_known(src.lang, tgt.lang)) {
      fmt::print(stderr,
                 "quotekit: align: no {}-{} dictionary (the lexicon pairs English with Russian and Turkish); "
                 "aligning by sentence length only\n",
                 to_string(src.lang), to_string(tgt.lang));
    } else {
      lexicon = open_lexicon(args.lexicon, args.quiet);
      if (!lexicon)
        fmt::print(stderr, "quotekit: align: aligning by sentence length only (--method length)\n");
    }
  }
  const TranslationAlignment r =
      align_translation(AlignSide{src.text, src.lang, s.spans}, AlignSide{tgt.text, tgt.lang, t.spans},
                        lexicon ? &*lexicon : nullptr, options);

  Output out;
  std::size_t pairs = 0, merges = 0, omitted = 0, added = 0;
  for (std::size_t k = 0; k < r.beads.size(); ++k) {
    const Bead& b = r.beads[k];
    pairs += b.kind() == BeadKind::one_one;
    merges += b.is_pair() && b.kind() != BeadKind::one_one;
    omitted += b.kind() == BeadKind::one_zero;
    added += b.kind() == BeadKind::zero_one;
    switch (args.format) {
      case AlignFormat::text:
        write_text(out, b, s, t);
        break;
      case AlignFormat::tsv:
        write_tsv(out, b, s, t);
        break;
      case AlignFormat::jsonl:
        write_jsonl(out, b, r.parts.empty() ? nullptr : &r.parts[k], r.method, s, t);
        break;
    }
    out.maybe_flush();
  }
  out.flush();
  if (!args.quiet)
    fmt::print(
        stderr,
        "quotekit: align: {} + {} statements → {} bead{} ({} one-to-one, {} merged, {} omitted, {} added), "
        "method {}\n",
        s.spans.size(), t.spans.size(), r.beads.size(), r.beads.size() == 1 ? "" : "s", pairs, merges,
        omitted, added, to_string(r.method));
  return r.beads.empty() ? ExitCode::no_result : ExitCode::ok;
}

}  // namespace

Command align_command() {
  return {
      "align", "Align a text with its translation, sentence by sentence (en, ru, tr)",
      "Segments both texts into sentences and aligns them in order. Each bead pairs source\n"
      "sentences S.. with target sentences T..: 1-1, merges (1-2, 2-1, 2-2) where one side split\n"
      "or joined sentences, 1-0 where the translation omits a sentence, 0-1 where it adds one.\n"
      "The lexicon method scores pairs with the bilingual lexicon (translated stems both ways,\n"
      "transliterated names, numbers and dates, length ratio); it needs an English side (en-ru,\n"
      "en-tr); other pairs, and --method length, use sentence lengths only (Gale & Church).\n"
      "Confidence: the pair score in [0,1] (lexicon; translations mostly 0.3-0.9) or the length\n"
      "match probability; 0 for 1-0 and 0-1.\n"
      "Formats: text (for reading); tsv as hunalign -text prints it: source sentences joined by\n"
      "' ~~~ ', TAB, target sentences, TAB, confidence (an empty column for none); jsonl, one\n"
      "bead a line: src_doc, tgt_doc, kind, src and tgt (statement indices, either may be\n"
      "empty), src_spans and tgt_spans (byte [start,end) into each document), src_text and\n"
      "tgt_text (the sentences joined by a space), score, method, and parts (coverage_src,\n"
      "coverage_tgt, names, numbers, length, total) for lexicon pairs.\n"
      "The lexicon: --lexicon PATH, else $QUOTEKIT_LEXICON, else\n"
      "$XDG_CACHE_HOME/quotekit/lexicon.bin or ~/.cache/quotekit/lexicon.bin, built there on\n"
      "first use from Debian's dictd dictionaries (see 'quotekit lexicon build').",
      [](CLI::App& app) -> Run {
        auto args = std::make_shared<AlignArgs>();
        app.add_option("SRC", args->src, "The original text (a file, or '-' for standard input)")
            ->required()
            ->type_name("FILE|-");
        app.add_option("TGT", args->tgt, "Its translation (a file, or '-')")->required()->type_name("FILE|-");
        const CLI::Validator lang_check = language_validator();
        app.add_option("--src-lang", args->src_lang, "Language of SRC: en, ru or tr. Default: identify")
            ->type_name("LANG")
            ->check(lang_check);
        app.add_option("--tgt-lang", args->tgt_lang, "Language of TGT: en, ru or tr. Default: identify")
            ->type_name("LANG")
            ->check(lang_check);
        app.add_option("--method", args->method,
                       "lexicon (bilingual lexicon + names + numbers + length)\n"
                       "or length (Gale & Church, sentence lengths only).\n"
                       "Default: lexicon")
            ->type_name("METHOD")
            ->check(CLI::IsMember({"lexicon", "length"}).description(""));
        app.add_option("--lexicon", args->lexicon,
                       "Bilingual lexicon file ('quotekit lexicon build').\n"
                       "Default: $QUOTEKIT_LEXICON or ~/.cache/quotekit/lexicon.bin,\n"
                       "built on first use")
            ->type_name("PATH");
        app.add_option("--encoding", args->encoding,
                       fmt::format("Source encoding of both inputs, one of:\n{}.\nDefault: detect",
                                   supported_encodings()))
            ->type_name("ENC");
        app.add_flag("--lossy", args->lossy,
                     "Replace invalid byte sequences with U+FFFD instead of\nfailing. Default: off");
        app.add_option_function<std::string>(
               "-f,--format",
               [args](const std::string& v) {
                 args->format = v == "jsonl" ? AlignFormat::jsonl
                                : v == "tsv" ? AlignFormat::tsv
                                             : AlignFormat::text;
               },
               "Output: text, tsv (hunalign's text format) or jsonl.\nDefault: text")
            ->type_name("FMT")
            ->transform(CLI::IsMember({"text", "tsv", "jsonl"}, CLI::ignore_case).description(""));
        app.add_flag("-q,--quiet", args->quiet, "No summary or notes on stderr. Default: off");
        return [args] { return run_align(*args); };
      }};
}

}  // namespace quotekit::cli
