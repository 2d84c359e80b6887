// quotekit/lexicon.hpp — the bilingual lexicon the cross-lingual scorer uses: which stems of
// one language translate which stems of another (en↔ru, en↔tr). Both sides are keys made exactly
// as the tokenizer makes Token::stem (Normalizer::fold, then Tokenizer::stem), so a lookup is one
// token's stem in and the candidate stems of the other language out. Built once from Debian's
// dictd dictionaries (Mueller 7 en→ru, FreeDict en→tr and tr→en) plus user word lists, saved as
// one binary file (about 11 MB) that loads in 20–30 ms. Figures: data/lexicon/README.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quotekit/base.hpp"

namespace quotekit {

// How a pair is attested. A one-word gloss (war → война) is a translation; a content word of a
// longer gloss (country → жител from "жители страны") is only related: on parallel news a `word`
// pair finds its partner in the aligned sentence 11–19 times as often as in a random one, a
// `phrase` pair only about twice as often. Scorers should weigh them apart.
enum class PairKind : std::uint8_t {
  word = 0,    // a one-word gloss, or a headword's inflected form of one
  phrase = 1,  // a content word of a multi-word gloss or user phrase
};

// Sorted stem pools, one per language, and one adjacency table (CSR) per direction. A value
// type: copy it, move it, share it read-only between threads.
class Lexicon {
 public:
  // Reads a file written by save(). Throws InputError (with the byte offset) for a missing,
  // truncated, corrupted or foreign file; the hint says how to rebuild it.
  static Lexicon load(const std::filesystem::path& path);
  // Writes atomically: a temporary file beside `path`, then a rename, so a reader never sees
  // half a lexicon. Throws InputError when the directory is not writable.
  void save(const std::filesystem::path& path) const;

  // The stems of `to` that translate `stem` of `from`, as ids into to's pool (ascending); empty
  // when the stem is unknown or the direction absent. The span lives as long as the lexicon.
  std::span<const std::uint32_t> translations(Lang from, Lang to, std::string_view stem) const;
  std::span<const std::uint32_t> translations(Lang from, Lang to, std::uint32_t id) const;
  // True when `stem` has at least one translation into `to`.
  bool knows(Lang from, Lang to, std::string_view stem) const;
  // How each of translations(from, to, id) is attested: a span of the same length and order.
  std::span<const PairKind> kinds(Lang from, Lang to, std::uint32_t id) const;
  // Whether (and how) the lexicon pairs `from_stem` with `to_stem`; nullopt when it does not.
  std::optional<PairKind> translates(Lang from, std::string_view from_stem, Lang to,
                                     std::string_view to_stem) const;

  // Stem ids: scorers map a sentence's stems to ids once and compare integers afterwards.
  std::optional<std::uint32_t> find(Lang lang, std::string_view stem) const;
  std::string_view stem(Lang lang, std::uint32_t id) const;  // empty for an unknown id
  std::size_t stems(Lang lang) const;                        // size of lang's pool

  std::size_t entries(Lang from, Lang to) const;  // stem pairs in that direction
  std::size_t entries(Lang from, Lang to, PairKind kind) const;
  std::size_t headwords(Lang from, Lang to) const;  // stems of `from` with a translation
  std::vector<std::pair<Lang, Lang>> directions() const;
  bool empty() const noexcept { return tables_.empty(); }

 private:
  friend class LexiconBuilder;
  struct Pool {
    Lang lang = Lang::unknown;
    std::vector<std::uint32_t> offsets;  // size n + 1 into chars; stems sorted bytewise
    std::string chars;
  };
  struct Table {
    Lang from = Lang::unknown;
    Lang to = Lang::unknown;
    std::vector<std::uint32_t> rows;  // size stems(from) + 1 into cols
    std::vector<std::uint32_t> cols;  // ids into to's pool, ascending within a row
    std::vector<PairKind> kinds;      // parallel to cols
  };
  const Pool* pool(Lang lang) const noexcept;
  const Table* table(Lang from, Lang to) const noexcept;

  std::vector<Pool> pools_;
  std::vector<Table> tables_;
};

// How to read a dictd database's entries. `detect` looks at its 00-database-short entry and
// at the shape of the first entries.
enum class DictdFormat : std::uint8_t {
  detect,
  mueller,   // Mueller 7: [transcription], _n./_v. labels, senses "1)", "1.", "_I", examples
  freedict,  // FreeDict (TEI → dictd): "headword /ipa/" line, then "1. sense" lines or one line
};

// One dictd dictionary (the .index and its .dict or .dict.dz) and the direction it translates.
struct DictdSource {
  std::filesystem::path index;
  std::filesystem::path dict;
  Lang from = Lang::unknown;
  Lang to = Lang::unknown;
  std::string package;  // Debian package providing it, named in the "missing" hint
  DictdFormat format = DictdFormat::detect;
};

// Mueller 7 (en→ru), FreeDict eng-tur and tur-eng, under `dir` (default /usr/share/dictd, or
// $QUOTEKIT_DICTD_DIR when set). Paths are not checked here; LexiconBuilder reports missing ones.
std::vector<DictdSource> default_dictionaries(const std::filesystem::path& dir = {});

// What one dictionary gave. A headword is an index line; several lines may share a spelling.
struct DictdStats {
  std::string name;  // file name of the index without extension, e.g. "mueller7"
  Lang from = Lang::unknown;
  Lang to = Lang::unknown;
  std::size_t headwords = 0;  // index lines, minus the 00-database-* metadata entries
  std::size_t parsed = 0;     // headwords that gave at least one stem pair
  std::size_t aliases = 0;    // of those, pairs taken from a referenced headword ("= aline", "_p. от go")
  std::size_t pairs = 0;      // distinct stem pairs this dictionary contributed
  // Skipped, and why:
  std::size_t skipped_phrase = 0;  // several content words ("mother of pearl", "fire-company"): the
                                   // tokenizer never yields them as one token
  std::size_t skipped_affix = 0;   // "-armed", "'cause", "entero-": affixes and clipped forms
  std::size_t skipped_empty = 0;   // no translation left after dropping examples, notes, labels
};

// What one user word list gave.
struct UserLexiconStats {
  std::filesystem::path path;
  Lang from = Lang::unknown;
  Lang to = Lang::unknown;
  std::size_t lines = 0;  // non-blank, non-comment lines
  std::size_t pairs = 0;  // distinct stem pairs added
};

// Accumulates stem pairs and produces a Lexicon. A pair added in one direction is stored in both
// (war→война also answers война→war). Not thread-safe; build() may be called more than once, with
// more input in between.
class LexiconBuilder {
 public:
  LexiconBuilder();
  ~LexiconBuilder();
  LexiconBuilder(LexiconBuilder&&) noexcept;
  LexiconBuilder& operator=(LexiconBuilder&&) noexcept;

  // Parses every entry of a dictd dictionary. Headwords that are one word (after dropping stop
  // words and light verbs: "abluka etmek" → abluka) are kept; each sense's leading translations
  // are kept, examples, notes in parentheses, labels and cross-references are dropped; a
  // multi-word translation contributes its content words (at most three) as PairKind::phrase.
  // Russian and Turkish words are also filed under the stems of their regular inflected forms
  // (заявлять → заявил, söylemek → söyledi). Throws InputError for a missing file (naming the
  // Debian package), a malformed index line or a corrupt .dict.dz.
  DictdStats add_dictd(const DictdSource& source);
  DictdStats add_dictd(const std::filesystem::path& index, const std::filesystem::path& dict, Lang from,
                       Lang to, DictdFormat format = DictdFormat::detect);

  // A user word list: UTF-8 lines "source<TAB>target", '#' starts a comment line, blank lines are
  // ignored. Each side is one word or a short phrase; phrases pair every content word of one side
  // with every content word of the other. Throws InputError naming the line and its byte offset
  // for a line without exactly one tab, an empty side, a side with no word, or invalid UTF-8.
  UserLexiconStats add_user_lexicon(const std::filesystem::path& path, Lang from, Lang to);

  // One pair of words or short phrases, folded and stemmed like the user lexicon (inflected forms
  // included). Returns the number of new stem pairs.
  std::size_t add(Lang from, std::string_view source, Lang to, std::string_view target);

  Lexicon build();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A user lexicon for build_default_lexicon().
struct UserLexicon {
  std::filesystem::path path;
  Lang from = Lang::en;
  Lang to = Lang::ru;
};

struct LexiconBuildStats {
  struct Direction {
    Lang from = Lang::unknown;
    Lang to = Lang::unknown;
    std::size_t headwords = 0;       // source stems with a translation
    std::size_t entries = 0;         // stem pairs
    std::size_t phrase_entries = 0;  // of those, PairKind::phrase
  };
  std::vector<DictdStats> dictionaries;
  std::vector<UserLexiconStats> user_lexicons;
  std::vector<Direction> directions;
  std::uint64_t bytes = 0;  // size of the written file
};

// Everything `quotekit lexicon build` does: the default dictionaries (InputError naming the
// package to install when one is missing), then the user lexicons, then an atomic save to
// `out_path`. `dictd_dir` as for default_dictionaries().
LexiconBuildStats build_default_lexicon(const std::filesystem::path& out_path,
                                        std::span<const UserLexicon> user_lexicons = {},
                                        const std::filesystem::path& dictd_dir = {});

// How much of a text's vocabulary a lexicon covers: the Tokenizer's word tokens of `text` (in
// language `from`) that are not stop words, and how many of them have a translation into `to`.
// `text` is tokenized line by line.
struct LexiconCoverage {
  Lang from = Lang::unknown;
  Lang to = Lang::unknown;
  std::size_t tokens = 0;  // content-word tokens seen
  std::size_t known = 0;   // of those, with a translation
  std::size_t types = 0;   // distinct content stems seen
  std::size_t known_types = 0;
  std::vector<std::pair<std::string, std::size_t>> top_unknown;  // most frequent unknown stems

  double ratio() const noexcept { return tokens == 0 ? 0.0 : double(known) / double(tokens); }
  double type_ratio() const noexcept { return types == 0 ? 0.0 : double(known_types) / double(types); }
};

LexiconCoverage measure_coverage(const Lexicon& lexicon, Lang from, Lang to, std::string_view text,
                                 std::size_t top_unknown = 20);

}  // namespace quotekit
