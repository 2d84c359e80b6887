#include "dictd.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <limits>

namespace quotekit::detail {

namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
// Rough letter test on a byte, for joining wrapped lines and placing removed notes: every byte of
// a multi-byte UTF-8 sequence counts, which is right for the Cyrillic and Latin text of glosses.
bool is_letter_byte(char c) noexcept {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

template <class F>
bool any_code_point(std::string_view s, F&& f) {
  std::int32_t i = 0;
  const auto n = static_cast<std::int32_t>(s.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && f(c)) return true;
  }
  return false;
}

bool has_latin_letter(std::string_view s) {
  return any_code_point(s, [](UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    UErrorCode ec = U_ZERO_ERROR;
    return u_isalpha(c) && uscript_getScript(c, &ec) == USCRIPT_LATIN;
  });
}

bool has_letter(std::string_view s) {
  return any_code_point(s, [](UChar32 c) { return u_isalpha(c) != 0; });
}

bool only_latin_word(std::string_view token) {
  if (token.empty()) return false;
  bool letter = false;
  for (char c : token) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letter = true;
    } else if (c != '-' && c != '\'') {
      return false;
    }
  }
  return letter;
}

bool all_digits(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), is_digit);
}

// Sense and homonym numbers after a reference: "от mouse 1", "= see I", "long I, 1".
bool sense_number(std::string_view token) {
  while (!token.empty() && (token.back() == ',' || token.back() == '.')) token.remove_suffix(1);
  if (all_digits(token)) return true;
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

// Labels Mueller writes without the underscore: "sl" (slang), "sj" (conjunction), "predic".
bool bare_label(std::string_view token) {
  while (!token.empty() && (token.back() == ',' || token.back() == '.')) token.remove_suffix(1);
  return token == "sl" || token == "sj" || token == "cj" || token == "predic";
}

std::vector<std::string_view> split_any(std::string_view s, std::string_view separators) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || separators.find(s[i]) != std::string_view::npos) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

// Drops every (...), [...] and {...} group, nested or not. A group glued to the end of a word
// ("мирить(ся)") vanishes; elsewhere it leaves a space so neighbours stay apart. An unclosed
// group runs to the end; a stray closer is dropped.
std::string strip_groups(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int depth = 0;
  bool glued = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[' || c == '{') {
      if (depth++ == 0) glued = !out.empty() && is_letter_byte(out.back());
      continue;
    }
    if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        out.push_back(' ');
        continue;
      }
      if (--depth == 0) {
        bool next_letter = i + 1 < s.size() && is_letter_byte(s[i + 1]);
        if (!glued || next_letter) out.push_back(' ');
      }
      continue;
    }
    if (depth == 0) out.push_back(c);
  }
  return out;
}

// Mueller's labels: "_n.", "_attr.", "_разг.", "_p-p." — an underscore and what follows up to a
// space or separator.
std::string remove_labels(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && (i == 0 || is_space(s[i - 1]) || s[i - 1] == ',' || s[i - 1] == ';')) {
      while (i < s.size() && !is_space(s[i]) && s[i] != ',' && s[i] != ';') ++i;
      out.push_back(' ');
      if (i < s.size()) out.push_back(s[i]);
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

enum class Marker { none, sense, subsense };

// A sense marker at the start of a (left-trimmed) Mueller line: "_I", "_II" (homonyms), "1." (part
// of speech), "1)" and "10)стадо" (senses) start a new sense; "а)", "б)" are sub-senses.
Marker mueller_marker(std::string_view line, std::size_t& length) {
  length = 0;
  if (line.size() >= 2 && line[0] == '_') {
    std::size_t i = 1;
    while (i < line.size() && (line[i] == 'I' || line[i] == 'V' || line[i] == 'X')) ++i;
    if (i > 1 && (i == line.size() || is_space(line[i]))) {
      length = i;
      return Marker::sense;
    }
    return Marker::none;
  }
  std::size_t i = 0;
  while (i < line.size() && i < 4 && is_digit(line[i])) ++i;
  if (i > 0 && i <= 3 && i < line.size()) {
    if (line[i] == ')') {
      length = i + 1;
      return Marker::sense;
    }
    if (line[i] == '.' && (i + 1 == line.size() || is_space(line[i + 1]))) {
      length = i + 1;
      return Marker::sense;
    }
    return Marker::none;
  }
  // One lower-case Cyrillic letter а..я (two UTF-8 bytes) and ')'.
  if (line.size() >= 3 && line[2] == ')') {
    auto b0 = static_cast<unsigned char>(line[0]);
    auto b1 = static_cast<unsigned char>(line[1]);
    bool cyr = (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F);
    if (cyr) {
      length = 3;
      return Marker::subsense;
    }
  }
  return Marker::none;
}

void append_continuation(std::string& sense, std::string_view rest) {
  if (rest.empty()) return;
  if (sense.size() >= 2 && sense.back() == '-' && is_letter_byte(sense[sense.size() - 2]) &&
      is_letter_byte(rest.front())) {
    sense.append(rest);  // "северо-" + "восток"
    return;
  }
  if (!sense.empty()) sense.push_back(' ');
  sense.append(rest);
}

// "и от sell 1", "от go": the entry is a form of another headword. `complete` is false when an
// example follows the reference ("_comp. от long I, 1 и 2 wait a while longer ..."): the
// reference is taken when a sense number closes it, and the rest of the sense is an example.
bool mueller_form_reference(std::string_view segment, std::string& ref, bool& complete) {
  auto words = split_words(segment);
  std::size_t i = 0;
  if (i < words.size() && words[i] == "и") ++i;
  if (i >= words.size() || words[i] != "от") return false;
  ++i;
  std::string target;
  while (i < words.size() && only_latin_word(words[i]) && !sense_number(words[i])) {
    if (!target.empty()) target.push_back(' ');
    target.append(words[i++]);
  }
  const std::size_t numbers_from = i;
  while (i < words.size() && sense_number(words[i])) ++i;
  if (target.empty()) return false;
  complete = i == words.size();
  if (!complete && i == numbers_from) return false;  // nothing marks where the reference ends
  ref = std::move(target);
  return true;
}

// "= abnormity" at the start of a segment: records the reference, returns what follows it.
std::string_view mueller_equal_reference(std::string_view segment, std::vector<std::string>& refs) {
  segment.remove_prefix(1);  // '='
  std::string target;
  for (;;) {
    std::size_t i = 0;
    while (i < segment.size() && is_space(segment[i])) ++i;
    std::size_t j = i;
    while (j < segment.size() && !is_space(segment[j])) ++j;
    std::string_view word = segment.substr(i, j - i);
    if (word.empty()) break;
    if (sense_number(word)) {
      // skip
    } else if (only_latin_word(word)) {
      if (!target.empty()) target.push_back(' ');
      target.append(word);
    } else {
      break;
    }
    segment.remove_prefix(j);
  }
  if (!target.empty()) refs.push_back(std::move(target));
  return segment;
}

void push_phrases(std::string_view segment, std::string_view separators, std::vector<std::string>& out) {
  for (auto phrase : split_any(segment, separators)) {
    phrase = trim(phrase);
    if (!phrase.empty() && has_letter(phrase)) out.emplace_back(phrase);
  }
}

void parse_mueller_sense(std::string_view sense, DictdEntry& entry) {
  std::string text = remove_labels(strip_groups(sense));
  for (auto segment : split_any(text, ";")) {
    segment = trim(segment);
    if (segment.empty()) continue;
    if (segment.front() == '=') segment = trim(mueller_equal_reference(segment, entry.references));
    for (;;) {  // bare labels at the start of the segment
      std::size_t end = 0;
      while (end < segment.size() && !is_space(segment[end])) ++end;
      if (end == 0 || !bare_label(segment.substr(0, end))) break;
      segment = trim(segment.substr(end));
    }
    if (segment.empty()) continue;
    if (segment.find(':') != std::string_view::npos) return;  // an explanation, then examples
    if (has_latin_letter(segment)) {
      std::string ref;
      bool complete = true;
      if (mueller_form_reference(segment, ref, complete)) {
        entry.references.push_back(std::move(ref));
        if (complete) continue;
      }
      return;  // the first English example: what follows translates examples, not the headword
    }
    push_phrases(segment, ",", entry.translations);
  }
}

std::vector<std::string_view> lines_of(std::string_view text) {
  auto lines = split_any(text, "\n");
  for (auto& l : lines)
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return lines;
}

}  // namespace

std::optional<std::uint64_t> decode_dictd_base64(std::string_view digits) {
  if (digits.empty() || digits.size() > 10) return std::nullopt;  // 10 digits = 60 bits
  std::uint64_t value = 0;
  for (char c : digits) {
    auto pos = kBase64.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    value = value * 64 + pos;
  }
  return value;
}

std::string read_maybe_gzip(const std::filesystem::path& path, const std::string& hint) {
  const std::string source = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(source, kNoOffset,
                     std::filesystem::exists(path, ec) ? "not a regular file" : "file not found", hint);
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError(source, kNoOffset, "cannot open file", hint);
  std::string raw(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
  if (!in) throw InputError(source, kNoOffset, "read error", hint);
  if (raw.size() < 2 || static_cast<unsigned char>(raw[0]) != 0x1f ||
      static_cast<unsigned char>(raw[1]) != 0x8b)
    return raw;

  std::string out;
  if (raw.size() >= 4) {  // ISIZE of the last member: a size hint (mod 2^32) for dictzip's one member
    std::uint32_t isize = 0;
    std::memcpy(&isize, raw.data() + raw.size() - 4, 4);
    if constexpr (std::endian::native == std::endian::big) isize = __builtin_bswap32(isize);
    out.reserve(std::min<std::size_t>(isize, raw.size() * 20));
  }
  std::size_t member_start = 0;
  std::array<char, 1 << 16> buffer{};
  while (member_start < raw.size()) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw Error("zlib: inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(raw.data() + member_start);
    std::size_t avail = raw.size() - member_start;
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(avail, std::numeric_limits<uInt>::max()));
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
      zs.avail_out = static_cast<uInt>(buffer.size());
      rc = inflate(&zs, Z_NO_FLUSH);
      out.append(buffer.data(), buffer.size() - zs.avail_out);
      if (rc == Z_STREAM_END) break;
      if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
        inflateEnd(&zs);
        throw InputError(source, member_start + zs.total_in, "truncated gzip data",
                         "the file is incomplete; " + hint);
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        std::string msg = zs.msg ? zs.msg : "error " + std::to_string(rc);
        auto at = member_start + zs.total_in;
        inflateEnd(&zs);
        throw InputError(source, at, "corrupt gzip data (zlib: " + msg + ")", hint);
      }
    }
    member_start += zs.total_in;
    inflateEnd(&zs);
    // Another member follows only if it starts with the gzip magic; trailing zero padding is fine.
    if (member_start + 1 < raw.size() && static_cast<unsigned char>(raw[member_start]) == 0x1f &&
        static_cast<unsigned char>(raw[member_start + 1]) == 0x8b)
      continue;
    break;
  }
  return out;
}

std::vector<DictdIndexEntry> parse_dictd_index(std::string_view text, const std::string& source) {
  std::vector<DictdIndexEntry> entries;
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      auto fields = split_any(line, "\t");
      auto fail = [&](const std::string& problem) {
        throw InputError(source, pos, fmt::format("line {}: {}", line_no, problem),
                         "a dictd index line is headword<TAB>offset<TAB>length in dictd's base64; "
                         "reinstall the dictionary package");
      };
      if (fields.size() < 3) fail(fmt::format("expected 3 tab-separated fields, found {}", fields.size()));
      if (fields[0].empty()) fail("empty headword");
      auto offset = decode_dictd_base64(fields[1]);
      if (!offset) fail(fmt::format("bad offset '{}'", fields[1]));
      auto length = decode_dictd_base64(fields[2]);
      if (!length) fail(fmt::format("bad length '{}'", fields[2]));
      entries.push_back({std::string(fields[0]), *offset, *length});
    }
    pos = end + 1;
  }
  return entries;
}

DictdDatabase DictdDatabase::open(const std::filesystem::path& index, const std::filesystem::path& dict,
                                  const std::string& missing_hint) {
  DictdDatabase db;
  std::string index_text = read_maybe_gzip(index, missing_hint);
  db.entries_ = parse_dictd_index(index_text, index.string());
  db.data_ = read_maybe_gzip(dict, missing_hint);
  for (const auto& e : db.entries_) {
    if (e.offset > db.data_.size() || e.length > db.data_.size() - e.offset)
      throw InputError(dict.string(), e.offset,
                       fmt::format("entry '{}' ({} bytes) lies outside the {} bytes of data", e.headword,
                                   e.length, db.data_.size()),
                       "the index does not belong to this .dict file; reinstall the dictionary package");
  }
  return db;
}

std::string_view DictdDatabase::info(std::string_view name) const {
  std::string dashed = "00-database-" + std::string(name);
  std::string plain = "00database" + std::string(name);
  for (const auto& e : entries_)
    if (e.headword == dashed || e.headword == plain) return text(e);
  return {};
}

bool is_dictd_metadata(std::string_view headword) noexcept {
  return headword.starts_with("00-database") || headword.starts_with("00database");
}

DictdFormat detect_dictd_format(const DictdDatabase& db) {
  std::string_view about = db.info("short");
  if (about.find("Mueller") != std::string_view::npos) return DictdFormat::mueller;
  if (about.find("FreeDict") != std::string_view::npos) return DictdFormat::freedict;
  // By shape: Mueller puts a [transcription] or a label on the line after the headword.
  std::size_t mueller = 0, other = 0;
  for (const auto& e : db.entries()) {
    if (is_dictd_metadata(e.headword)) continue;
    auto lines = lines_of(db.text(e));
    if (lines.size() < 2) continue;
    auto second = trim(lines[1]);
    if (!second.empty() && (second.front() == '[' || second.front() == '_' || second.front() == '='))
      ++mueller;
    else
      ++other;
    if (mueller + other >= 20) break;
  }
  return mueller > other ? DictdFormat::mueller : DictdFormat::freedict;
}

DictdEntry parse_mueller_entry(std::string_view text) {
  DictdEntry entry;
  auto lines = lines_of(text);
  if (lines.empty()) return entry;
  auto head = trim(lines[0]);
  if (!head.empty()) entry.headwords.emplace_back(head);

  std::vector<std::string> senses(1);  // senses[0]: what precedes the first marker
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto line = trim(lines[i]);
    if (line.empty()) continue;
    std::size_t length = 0;
    Marker marker = mueller_marker(line, length);
    if (marker == Marker::sense) {
      senses.emplace_back();
      line = trim(line.substr(length));
      marker = mueller_marker(line, length);  // "1) а) ..."
    }
    if (marker == Marker::subsense) {
      senses.back().append(" ; ");
      line = trim(line.substr(length));
    }
    append_continuation(senses.back(), line);
  }
  for (const auto& sense : senses) parse_mueller_sense(sense, entry);
  return entry;
}

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The gloss up to the first word that starts a glued example (see parse_freedict_entry).
std::string_view cut_glued_example(std::string_view phrase, const std::vector<std::string>& head_words,
                                   bool english_markers) {
  static constexpr std::string_view kMarkers[] = {"a",   "an",   "the",   "to",  "of",
                                                  "one", "one'", "one's", "smb", "smth"};
  std::size_t i = 0;
  bool first = true;
  while (i < phrase.size()) {
    while (i < phrase.size() && is_space(phrase[i])) ++i;
    std::size_t j = i;
    while (j < phrase.size() && !is_space(phrase[j])) ++j;
    if (j == i) break;
    std::string word = ascii_lower(phrase.substr(i, j - i));
    bool marker =
        english_markers && std::find(std::begin(kMarkers), std::end(kMarkers), word) != std::end(kMarkers);
    bool head = std::find(head_words.begin(), head_words.end(), word) != head_words.end();
    if ((marker || head) && !first) return trim(phrase.substr(0, i));
    first = false;
    i = j;
  }
  return phrase;
}

}  // namespace

DictdEntry parse_freedict_entry(std::string_view text, Lang gloss_lang) {
  DictdEntry entry;
  auto lines = lines_of(text);
  if (lines.empty()) return entry;
  // "war /wˈɔː/"; a few headwords list variants: "acclimate,acclimatize".
  std::string_view head = trim(lines[0]);
  if (auto slash = head.find(" /"); slash != std::string_view::npos && head.back() == '/')
    head = trim(head.substr(0, slash));
  for (auto part : split_any(head, ",")) {
    part = trim(part);
    if (!part.empty()) entry.headwords.emplace_back(part);
  }

  std::vector<std::string> head_words;  // lower-case words of the headword(s), to spot examples
  for (const auto& h : entry.headwords)
    for (auto w : split_words(h)) head_words.push_back(ascii_lower(w));
  const bool english_markers = gloss_lang != Lang::en;

  std::vector<std::string> senses;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto line = trim(lines[i]);
    if (line.empty()) continue;
    std::size_t d = 0;
    while (d < line.size() && d < 4 && is_digit(line[d])) ++d;
    if (d > 0 && d < line.size() && line[d] == '.' && (d + 1 == line.size() || is_space(line[d + 1]))) {
      senses.emplace_back(trim(line.substr(d + 1)));
    } else if (senses.empty()) {
      senses.emplace_back(line);
    } else {
      append_continuation(senses.back(), line);
    }
  }
  for (const auto& sense : senses) {
    std::string s = strip_groups(sense);
    std::string_view body = s;
    bool examples = false;
    if (auto colon = body.find(':'); colon != std::string_view::npos) {
      body = body.substr(0, colon);
      examples = true;
    }
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
      if (body[i] == '.' && is_space(body[i + 1]) && !trim(body.substr(i + 1)).empty()) {
        body = body.substr(0, i);
        examples = true;
        break;
      }
    }
    body = trim(body);
    while (!body.empty() && (body.back() == '.' || is_space(body.back()))) body.remove_suffix(1);
    for (auto phrase : split_any(body, ",;")) {
      phrase = trim(cut_glued_example(trim(phrase), head_words, english_markers));
      if (!phrase.empty() && has_letter(phrase)) entry.translations.emplace_back(phrase);
    }
    if (examples) break;
  }
  return entry;
}

}  // namespace quotekit::detail
