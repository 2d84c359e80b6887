#include "quotekit/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include "decode_internal.hpp"

namespace quotekit {

namespace {

constexpr std::size_t kKindWidth = 9;  // "furniture"
constexpr std::size_t kRoleWidth = 8;  // "question"
constexpr std::size_t kMaxSpeakerWidth = 24;

// The statement's text; a span outside the document is a segmenter bug, reported as such
// rather than read out of bounds.
std::string_view statement_slice(const Document& doc, const Statement& st) {
  if (st.span.start > st.span.end || st.span.end > doc.text.size()) {
    throw Error(fmt::format("{}: statement {} has span [{},{}) outside the document's {} bytes", doc.id,
                            st.index, st.span.start, st.span.end, doc.text.size()));
  }
  return slice(doc.text, st.span);
}

std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void append_padded(std::string& out, std::string_view s, std::size_t width) {
  out += s;
  const std::size_t used = code_points(s);
  if (used < width) out.append(width - used, ' ');
}

// Copies UTF-8 text, showing C0 controls and DEL as Unicode control pictures (U+2400..U+2421)
// so that one record stays one line. Runs of ordinary bytes are copied in one go.
void append_visible(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F) continue;
    out.append(text.data() + run, i - run);
    const unsigned picture = c == 0x7F ? 0x2421u : 0x2400u + c;
    out += static_cast<char>(0xE0 | (picture >> 12));
    out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (picture & 0x3F));
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string_view speaker_or_dash(const Statement& st) noexcept {
  return st.speaker.empty() ? std::string_view("-") : std::string_view(st.speaker);
}

std::string_view role_or_dash(Role role) noexcept { return role == Role::none ? "-" : to_string(role); }

template <typename Int>
void append_number(std::string& out, Int n) {
  const fmt::format_int f(n);
  out.append(f.data(), f.size());
}

// A JSON string. Fast path: well-formed UTF-8 with nothing to escape is copied as is (the
// common case for prose). Anything else goes through nlohmann/json's serializer, which escapes
// and, strictly, rejects ill-formed UTF-8 (Document::text is valid UTF-8 by contract, so a
// failure means a span cut a character: a bug worth seeing).
void append_json_string(std::string& out, std::string_view s) {
  bool plain = true;
  for (std::size_t i = 0; i < s.size() && plain;) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      plain = c >= 0x20 && c != '"' && c != '\\';
      ++i;
    } else {
      const std::size_t n = detail::utf8_sequence_length(s, i);
      plain = n != 0;
      i += n;
    }
  }
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  try {
    out += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("cannot write JSON: {}", e.what()));
  }
}

}  // namespace

void append_statement_json(std::string& out, const Document& doc, const Statement& st) {
  const std::string_view text = statement_slice(doc, st);
  // Written field by field in the contract's order, so records read the same in every command;
  // building a json object per record would cost ~3 µs, more than segmenting the sentence.
  out += "{\"doc\":";
  append_json_string(out, doc.id);
  out += ",\"index\":";
  append_number(out, st.index);
  out += ",\"kind\":\"";
  out += to_string(st.kind);
  out += "\",\"role\":";
  if (st.role == Role::none) {
    out += "null";
  } else {
    out += '"';
    out += to_string(st.role);
    out += '"';
  }
  out += ",\"speaker\":";
  if (st.speaker.empty()) {
    out += "null";
  } else {
    append_json_string(out, st.speaker);
  }
  out += ",\"turn\":";
  append_number(out, st.turn);
  out += ",\"parent\":";
  if (st.kind == StatementKind::quote && st.parent >= 0) {
    append_number(out, st.parent);
  } else {
    out += "null";
  }
  out += ",\"lang\":";
  if (doc.lang == Lang::unknown) {
    out += "null";
  } else {
    out += '"';
    out += to_string(doc.lang);
    out += '"';
  }
  out += ",\"start\":";
  append_number(out, st.span.start);
  out += ",\"end\":";
  append_number(out, st.span.end);
  out += ",\"text\":";
  append_json_string(out, text);
  out += '}';
}

std::string statement_json(const Document& doc, const Statement& st) {
  std::string out;
  append_statement_json(out, doc, st);
  return out;
}

TextColumns text_columns(const Document& doc, const std::vector<Statement>& statements) {
  TextColumns c;
  const std::size_t id = code_points(doc.id);
  for (const Statement& st : statements) {
    c.ref = std::max(c.ref, id + 1 + fmt::formatted_size("{}", st.index));
    c.span = std::max(c.span, fmt::formatted_size("[{},{})", st.span.start, st.span.end));
    c.speaker = std::max(c.speaker, std::min(kMaxSpeakerWidth, code_points(speaker_or_dash(st))));
  }
  return c;
}

void append_statement_text(std::string& out, const Document& doc, const Statement& st,
                           const TextColumns& columns) {
  const std::string_view text = statement_slice(doc, st);
  append_padded(out, fmt::format("{}#{}", doc.id, st.index), columns.ref);
  out += "  ";
  append_padded(out, fmt::format("[{},{})", st.span.start, st.span.end), columns.span);
  out += "  ";
  append_padded(out, to_string(st.kind), kKindWidth);
  out += "  ";
  append_padded(out, role_or_dash(st.role), kRoleWidth);
  out += "  ";
  append_padded(out, speaker_or_dash(st), columns.speaker);
  out += "  \u2502 ";
  append_visible(out, text);
}

std::string statement_text(const Document& doc, const Statement& st, const TextColumns& columns) {
  std::string out;
  append_statement_text(out, doc, st, columns);
  return out;
}

}  // namespace quotekit
