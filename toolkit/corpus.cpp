// Reading inputs: whole files, standard input, and JSON Lines corpora (one document a line).
#include "quotekit/corpus.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <system_error>
#include <unordered_set>

#include "decode_internal.hpp"

namespace quotekit {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kStdinSource = "<stdin>";
constexpr std::string_view kRecordHint =
    "Each non-blank line must be one JSON object with a \"text\" string, e.g. "
    "{\"id\": \"a1\", \"text\": \"...\", \"outlet\": \"...\", \"date\": \"2020-10-04\"}";

std::string errno_message(int err) { return std::generic_category().message(err); }

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string basename_of(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return name.empty() ? path : name;
}

// nlohmann's parse errors read "[json.exception.parse_error.101] parse error at line 1, column 7:
// syntax error while parsing ..."; the line/column are relative to our one-line input, so keep
// only the reason.
std::string parse_error_reason(const json::parse_error& e) {
  std::string_view what = e.what();
  if (const auto column = what.find("column "); column != std::string_view::npos) {
    if (const auto colon = what.find(": ", column); colon != std::string_view::npos)
      return std::string(what.substr(colon + 2));
  }
  if (const auto bracket = what.find("] "); bracket != std::string_view::npos)
    return std::string(what.substr(bracket + 2));
  return std::string(what);
}

// A metadata field: a string, or a number written out; null or absent → "".
std::string optional_field(const json& record, const char* name, const std::string& source,
                           std::uint64_t offset, std::size_t line) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  throw InputError(source, offset,
                   fmt::format("line {}: \"{}\" must be a string, not {}", line, name, it->type_name()),
                   std::string(kRecordHint));
}

// One JSONL record into a Document (text already valid UTF-8: nlohmann checked the strings).
Document record_to_document(const json& record, const DecodeOptions& options, const std::string& source,
                            std::string_view name, std::uint64_t offset, std::size_t line) {
  if (!record.is_object())
    throw InputError(source, offset,
                     fmt::format("line {}: expected a JSON object, found {}", line, record.type_name()),
                     std::string(kRecordHint));
  Document doc;
  const auto text = record.find("text");
  if (text == record.end())
    throw InputError(source, offset, fmt::format("line {}: the record has no \"text\"", line),
                     std::string(kRecordHint));
  if (!text->is_string())
    throw InputError(source, offset,
                     fmt::format("line {}: \"text\" must be a string, not {}", line, text->type_name()),
                     std::string(kRecordHint));
  doc.text = text->get<std::string>();
  if (doc.text.find('\0') != std::string::npos)
    throw InputError(source, offset,
                     fmt::format("line {}: \"text\" contains a NUL character (\\u0000)", line),
                     "quotekit reads plain text; remove the NUL characters");

  const auto id = record.find("id");
  if (id == record.end() || id->is_null())
    doc.id = fmt::format("{}:{}", name, line);
  else if (id->is_string())
    doc.id = id->get<std::string>();
  else if (id->is_number())
    doc.id = id->dump();
  else
    throw InputError(
        source, offset,
        fmt::format("line {}: \"id\" must be a string or a number, not {}", line, id->type_name()),
        std::string(kRecordHint));

  doc.outlet = optional_field(record, "outlet", source, offset, line);
  doc.date = optional_field(record, "date", source, offset, line);
  doc.title = optional_field(record, "title", source, offset, line);
  doc.source = fmt::format("{}:{}", source, line);

  Lang lang = options.lang;
  if (lang == Lang::unknown) {
    const std::string code = optional_field(record, "lang", source, offset, line);
    try {
      lang = parse_lang(code);
    } catch (const UsageError&) {
      throw InputError(source, offset, fmt::format("line {}: unknown \"lang\" '{}'", line, code),
                       "Use en, ru, tr or other, or leave \"lang\" out to have it identified");
    }
    if (lang == Lang::unknown) lang = identify_language(doc.text);
  }
  doc.lang = lang;
  return doc;
}

}  // namespace

std::string read_file_bytes(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    if (!ec || ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
      throw InputError(path, kNoOffset, "no such file", "Check the path");
    throw InputError(path, kNoOffset, fmt::format("cannot access: {}", ec.message()), "");
  }
  if (fs::is_directory(status))
    throw InputError(path, kNoOffset, "is a directory, not a file",
                     "Pass the files inside it, e.g. DIR/*.txt");

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(path, kNoOffset, fmt::format("cannot open: {}", errno_message(errno)), "");
  std::string bytes;
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  }
  char buf[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(buf, 1, sizeof buf, file.get());
    bytes.append(buf, got);
    if (got < sizeof buf) break;
  }
  if (std::ferror(file.get()))
    throw InputError(path, kNoOffset, fmt::format("read error: {}", errno_message(errno)), "");
  return bytes;
}

bool looks_like_jsonl(std::string_view path, std::string_view head) {
  const std::string lower = lower_ascii(path);
  for (const std::string_view ext : {".jsonl", ".ndjson"})
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0)
      return true;
  // Content: after an optional UTF-8 BOM and whitespace, '{' and then (after whitespace) '"' or
  // '}' -- the start of a JSON object. A plain-text file may start with "{Editor's note}", so
  // the quote is required, and when the first line is complete within `head` it must also end
  // with '}': a JSONL record is one object on one line.
  if (head.substr(0, kUtf8Bom.size()) == kUtf8Bom) head.remove_prefix(kUtf8Bom.size());
  std::size_t i = 0;
  while (i < head.size() && is_space(head[i])) ++i;
  if (i == head.size() || head[i] != '{') return false;
  std::size_t j = i + 1;
  while (j < head.size() && is_space(head[j]) && head[j] != '\n') ++j;
  if (j < head.size() && head[j] != '"' && head[j] != '}') return false;
  const std::size_t eol = head.find('\n', i);
  if (eol == std::string_view::npos) return true;
  std::size_t last = eol;
  while (last > i && is_space(head[last - 1])) --last;
  return head[last - 1] == '}';
}

std::vector<Document> parse_jsonl(std::string_view bytes, const DecodeOptions& options,
                                  std::string_view source) {
  const std::string src(source);
  if (bytes.empty()) throw InputError(src, kNoOffset, "file is empty", "");
  const std::string name = basename_of(src);

  // JSON Lines is UTF-8 (RFC 8259). A UTF-8 BOM is skipped and error offsets stay byte offsets
  // into the file. A UTF-16 file (BOM) or an explicit non-UTF-8 --encoding is decoded as a whole
  // first; then line numbers stay exact but byte offsets would point into the converted text,
  // so errors carry the line number only.
  std::string converted;
  std::string_view text = bytes;
  std::size_t base = 0;
  bool file_offsets = true;
  std::string encoding = "UTF-8";
  const std::string_view requested = detail::canonical_encoding(options.encoding);
  const bool utf16_bom = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  if ((!requested.empty() && requested != "UTF-8") || (requested.empty() && utf16_bom)) {
    Decoded decoded = decode(bytes, options, source);
    converted = std::move(decoded.text);
    encoding = std::move(decoded.encoding);
    text = converted;
    file_offsets = false;
  } else {
    if (const void* nul = std::memchr(bytes.data(), 0, bytes.size()))
      throw InputError(src, static_cast<std::uint64_t>(static_cast<const char*>(nul) - bytes.data()),
                       "binary data (NUL byte); quotekit reads plain text", "");
    if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      base = kUtf8Bom.size();
      text.remove_prefix(base);
    }
  }

  std::vector<Document> docs;
  std::string repaired;
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, stop - start);
    const std::size_t line_start = start;
    start = stop + 1;
    ++line_no;
    if (std::all_of(line.begin(), line.end(), is_space)) continue;
    const std::uint64_t offset = file_offsets ? base + line_start : kNoOffset;

    std::size_t replaced = 0;
    if (const std::size_t bad = detail::find_invalid_utf8(line); bad != detail::kNotFound) {
      if (!options.lossy)
        throw detail::invalid_utf8_error(src, file_offsets ? base + line_start + bad : kNoOffset, line, bad,
                                         fmt::format("line {}: ", line_no));
      repaired.clear();
      replaced = detail::append_utf8_lossy(line, repaired);
      line = repaired;
    }

    json record;
    try {
      record = json::parse(line.begin(), line.end());
    } catch (const json::parse_error& e) {
      throw InputError(
          src, offset,
          fmt::format("line {}: malformed JSON at column {}: {}", line_no, e.byte, parse_error_reason(e)),
          std::string(kRecordHint));
    }
    Document doc = record_to_document(record, options, src, name, offset, line_no);
    doc.encoding = encoding;
    doc.replaced = replaced;
    docs.push_back(std::move(doc));
  }
  if (docs.empty())
    throw InputError(src, kNoOffset, "no records: every line is blank", std::string(kRecordHint));
  return docs;
}

std::vector<Document> load_documents(const std::vector<std::string>& inputs, const DecodeOptions& options) {
  std::vector<Document> docs;
  bool stdin_read = false;
  for (const std::string& input : inputs) {
    std::string bytes;
    std::string source;
    std::string id;
    if (input == "-") {
      if (stdin_read) throw UsageError("standard input ('-') can be read only once; it was given twice");
      stdin_read = true;
      bytes.assign(std::istreambuf_iterator<char>(std::cin.rdbuf()), std::istreambuf_iterator<char>());
      if (std::cin.bad())
        throw InputError(std::string(kStdinSource), kNoOffset, "cannot read standard input", "");
      source = kStdinSource;
      id = "-";
    } else {
      bytes = read_file_bytes(input);
      source = input;
      id = basename_of(input);
    }
    if (looks_like_jsonl(input == "-" ? std::string_view() : std::string_view(input),
                         std::string_view(bytes).substr(0, 4096))) {
      std::vector<Document> records = parse_jsonl(bytes, options, source);
      for (Document& d : records) docs.push_back(std::move(d));
    } else {
      docs.push_back(make_document(std::move(id), bytes, options, source));
    }
  }
  // Ids key everything downstream (matches, archive rows), so they must be unique. The first
  // document keeps its id; a later one with the same id becomes "id#2", "id#3", ... (skipping
  // any that are taken). Inputs are read in order, so the renaming is deterministic.
  std::unordered_set<std::string> used;
  for (Document& d : docs) {
    if (used.insert(d.id).second) continue;
    for (std::size_t n = 2;; ++n) {
      std::string candidate = fmt::format("{}#{}", d.id, n);
      if (used.insert(candidate).second) {
        d.id = std::move(candidate);
        break;
      }
    }
  }
  return docs;
}

}  // namespace quotekit
