// dictd.hpp (private) — reading dictd databases (.index + .dict / .dict.dz) and pulling the
// translations out of their entries. Knows the markup of Mueller 7 and of FreeDict; knows
// nothing about stems (lexicon.cpp folds and stems what this returns).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/lexicon.hpp"

namespace quotekit::detail {

// Value of a dictd base64 number ("A".."/" digits, most significant first); nullopt when a
// character is outside the alphabet or the value overflows 64 bits.
std::optional<std::uint64_t> decode_dictd_base64(std::string_view digits);

// The bytes of a file; gzip (and so dictzip) files are inflated, every member in turn. Throws
// InputError naming the file for a missing, unreadable or corrupt one; `hint` goes into it.
std::string read_maybe_gzip(const std::filesystem::path& path, const std::string& hint);

struct DictdIndexEntry {
  std::string headword;  // as the index spells it (dictd may fold and strip it)
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

// Parses a .index: lines "headword<TAB>offset<TAB>length" (base64). Throws InputError naming
// `source`, the line number and its byte offset for a malformed line.
std::vector<DictdIndexEntry> parse_dictd_index(std::string_view text, const std::string& source);

// A dictd database held in memory.
class DictdDatabase {
 public:
  // Throws InputError: missing file (hint: the Debian package), bad index line, entry outside the
  // data, corrupt compression.
  static DictdDatabase open(const std::filesystem::path& index, const std::filesystem::path& dict,
                            const std::string& missing_hint);

  const std::vector<DictdIndexEntry>& entries() const noexcept { return entries_; }
  std::string_view text(const DictdIndexEntry& e) const noexcept {
    return std::string_view(data_).substr(e.offset, e.length);
  }
  // Text of a metadata entry ("00-database-short" / "00databaseshort"), or empty.
  std::string_view info(std::string_view name) const;

 private:
  std::string data_;
  std::vector<DictdIndexEntry> entries_;
};

// True for dictd's own metadata entries (00-database-info, 00databaseshort, ...).
bool is_dictd_metadata(std::string_view headword) noexcept;

DictdFormat detect_dictd_format(const DictdDatabase& db);

// What one entry says: its headword(s) as written in the entry, the leading translations of
// every sense (raw phrases, in order), and the headwords it points to instead of translating.
struct DictdEntry {
  std::vector<std::string> headwords;
  std::vector<std::string> translations;
  std::vector<std::string> references;
};

// Mueller 7. Translations are the comma/semicolon-separated phrases a sense starts with, before
// its first English example ("war of the elements борьба стихий") or explanation (':'); notes in
// (), [] and {}, labels (_n., _разг.) and abbreviations are removed. References: "= aline",
// "_p. и _p-p. от sell 1".
DictdEntry parse_mueller_entry(std::string_view text);

// FreeDict. The first line is "headword /ipa/"; senses are "N. text" lines (or plain lines).
// A sense keeps its text up to the first example (". " or ':'); after a sense that had examples
// the numbering is unreliable (the converter split examples into senses), so parsing stops there.
// The converter also glued some examples to the gloss without a full stop ("sıra ile about half a
// kilo yarım kilo kadar"): a gloss is cut where the headword reappears and, when the glosses are
// not English (`gloss_lang`), at an English article or particle (a, an, the, to, of, one, one's).
DictdEntry parse_freedict_entry(std::string_view text, Lang gloss_lang = Lang::unknown);

}  // namespace quotekit::detail
